{#-
    version_arr(amount, billing_interval, rate, status): the annual run rate of a subscription
    version in the reporting currency, exactly (12 x its MRR = amount / months in the interval
    x 12 x the contract rate); 0 for a `trialing` version. Summing ARR and dividing once
    (account_mrr) keeps the account's MRR exact to the cent.
-#}
{% macro version_arr(amount, billing_interval, rate, status) -%}
    case
        when {{ status }} = 'trialing' then 0
        else {{ amount }} * {{ saas_retention.billing_periods_per_year(billing_interval) }}
            * {{ rate }}
    end
{%- endmacro %}
