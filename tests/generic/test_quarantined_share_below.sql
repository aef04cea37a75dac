{#-
    quarantined_share_below(model, share, min_rows): on audit_row_counts, the raw tables whose
    quarantined rows are more than `share` of their raw rows and at least `min_rows` (so one
    bad row of a small price book is no alarm). Configured twice, with the warning and the
    error threshold; the build log's data-quality report names each table's top reasons.
-#}
{% test quarantined_share_below(model, share, min_rows) %}

select
    source_table,
    raw_rows,
    quarantined_rows

from {{ model }}
where quarantined_rows >= {{ min_rows }}
    and quarantined_rows > {{ share }} * raw_rows

{% endtest %}
