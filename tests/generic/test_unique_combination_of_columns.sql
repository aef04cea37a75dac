{#-
    unique_combination_of_columns(model, combination_of_columns): no two rows share the same
    values in these columns (the primary-key test of a multi-column grain). Returns one row per
    repeated combination.
-#}
{% test unique_combination_of_columns(model, combination_of_columns) %}

select
    {{ combination_of_columns | join(', ') }},
    count(*) as occurrences

from {{ model }}
group by {{ combination_of_columns | join(', ') }}
having count(*) > 1

{% endtest %}
