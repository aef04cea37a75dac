{#-
    create_cross_db_functions(): on-run-start hook creating the helper functions an engine
    lacks. Only Postgres needs one: a try-cast of text to timestamptz (null on garbage).
-#}
{% macro create_cross_db_functions() -%}
    {{ return(adapter.dispatch('create_cross_db_functions', 'saas_retention')()) }}
{%- endmacro %}

{% macro default__create_cross_db_functions() -%}
    select 1 as no_function_needed
{%- endmacro %}

{% macro postgres__create_cross_db_functions() -%}
    create schema if not exists {{ target.schema }};
    create or replace function {{ target.schema }}.saas_retention_try_timestamptz(value text)
    returns timestamptz language plpgsql stable as $$
    begin
        return value::timestamptz;
    exception when others then
        return null;
    end;
    $$;
{%- endmacro %}
