{#-
    as_of_date(): the last day reported, as an SQL date: the `as_of_date` variable
    (YYYY-MM-DD), or the UTC date at the start of the run when it is null. Nothing after the
    end of this day enters any metric.
-#}
{% macro as_of_date() -%}
    {%- set value = var('as_of_date') or run_started_at.strftime('%Y-%m-%d') -%}
    {%- if not modules.re.match('^[0-9]{4}-[0-9]{2}-[0-9]{2}$', value | string) -%}
        {{ exceptions.raise_compiler_error(
            "The variable as_of_date must be a date written YYYY-MM-DD, got '" ~ value ~ "'.") }}
    {%- endif -%}
    cast('{{ value }}' as date)
{%- endmacro %}
