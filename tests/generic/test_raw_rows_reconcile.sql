{#-
    raw_rows_reconcile(model, source_table): on audit_row_counts, the row of `source_table`
    exists once, its raw_rows equals the rows of the raw table itself (read here from the
    source, independently of the models), and raw_rows = used_rows + duplicate_rows +
    quarantined_rows. Returns one row when any of that fails.
-#}
{% test raw_rows_reconcile(model, source_table) %}

with

raw_table as (

    select count(*) as rows_in_raw from ({{ raw_source(source_table) }}) as raw_rows

),

audited as (

    select
        count(*) as audit_rows,
        sum(raw_rows) as raw_rows,
        sum(used_rows + duplicate_rows + quarantined_rows) as accounted_rows

    from {{ model }}
    where source_table = '{{ source_table }}'

)

select
    raw_table.rows_in_raw,
    audited.audit_rows,
    audited.raw_rows,
    audited.accounted_rows

from raw_table
cross join audited
where audited.audit_rows != 1
    or audited.raw_rows != raw_table.rows_in_raw
    or audited.accounted_rows != raw_table.rows_in_raw

{% endtest %}
