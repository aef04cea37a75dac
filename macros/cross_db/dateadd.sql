{#- dbt.dateadd on Spark: dbt-spark goes through whole unix seconds and drops the fraction
    of a second (14:46:46.979 plus 30 minutes became 15:16:46.000, splitting a session whose
    gap is exactly the timeout). Spark's timestampadd keeps microseconds. dbt finds this macro
    through the `dispatch` search order in dbt_project.yml. -#}
{% macro spark__dateadd(datepart, interval, from_date_or_timestamp) -%}
    timestampadd({{ datepart }}, {{ interval }}, {{ from_date_or_timestamp }})
{%- endmacro %}
