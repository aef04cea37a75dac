{#-
    not_after_as_of_date(model, column_name): no value of a date or timestamp column lies after
    as_of_date (a month column holds the first day of its month, so it passes through the
    as_of_date month). Returns the rows whose value is at or after the end of as_of_date.
-#}
{% test not_after_as_of_date(model, column_name) %}

select {{ column_name }}

from {{ model }}
where cast({{ column_name }} as {{ dbt.type_timestamp() }}) >= {{ as_of_day_end() }}

{% endtest %}
