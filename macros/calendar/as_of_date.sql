{#-
    as_of_date(): the last day reported, as an SQL date: the `as_of_date` variable
    (YYYY-MM-DD), or the UTC date at the start of the run when it is null. Nothing after the
    end of this day enters any metric. A value that is not a real date is a clear error when
    the project runs (preflight lists it first, with the other problems); parsing does not
    stop on it.
-#}
{% macro as_of_date() -%}
    {%- set problem = saas_retention.as_of_date_problem() -%}
    {%- if problem and execute -%}
        {{ exceptions.raise_compiler_error(problem) }}
    {%- endif -%}
    cast('{{ var('as_of_date') or run_started_at.strftime('%Y-%m-%d') }}' as date)
{%- endmacro %}
