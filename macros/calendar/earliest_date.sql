{#-
    earliest_date(): the first day any metric can report, as an SQL date: the `earliest_date`
    variable (YYYY-MM-DD, default 1990-01-01). Rows dated before it are implausible for a
    subscription business and are quarantined (`date before earliest_date: <column>`); the
    calendar spines start there, so no row is moved to a later month.
-#}
{% macro earliest_date() -%}
    {%- set value = var('earliest_date') | string -%}
    {%- if not modules.re.match('^[0-9]{4}-[0-9]{2}-[0-9]{2}$', value) -%}
        {{ exceptions.raise_compiler_error(
            "The variable earliest_date must be a date written YYYY-MM-DD, got '" ~ value ~ "'.") }}
    {%- endif -%}
    cast('{{ value }}' as date)
{%- endmacro %}
