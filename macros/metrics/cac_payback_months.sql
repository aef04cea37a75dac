{#- cac_payback_months(cac, new_mrr, new_customers, gross_margin): months of a new customer's
    gross margin that repay its CAC, CAC / (new MRR / new customers x gross margin). -#}
{% macro cac_payback_months(cac, new_mrr, new_customers, gross_margin) -%}
    {{ saas_retention.safe_divide(
        cac,
        saas_retention.safe_divide(new_mrr, new_customers) ~ ' * (' ~ gross_margin ~ ')') }}
{%- endmacro %}
