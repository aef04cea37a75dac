{#-
    version_six_year_revenue(amount, billing_interval, rate, status): what a subscription
    version bills over six years in the reporting currency, exactly (72 x its MRR = amount x
    billing periods in six years x the contract rate); 0 for a `trialing` version. Six years
    hold a whole number of periods of every billing interval, from a week to three years, so
    summing this and dividing once (account_mrr) keeps the account's MRR exact to the cent.
-#}
{% macro version_six_year_revenue(amount, billing_interval, rate, status) -%}
    case
        when {{ status }} = 'trialing' then 0
        else {{ amount }} * {{ saas_retention.billing_periods_per_six_years(billing_interval) }}
            * {{ rate }}
    end
{%- endmacro %}
