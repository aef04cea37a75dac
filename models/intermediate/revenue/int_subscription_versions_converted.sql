-- grain: one row per usable subscription version, with its six-year revenue and MRR in the
-- reporting currency at the subscription's contract rate, and its price-book (list) amount

with

versions as (

    select * from {{ ref('stg_raw__subscriptions') }}

),

plans as (

    select * from {{ ref('stg_raw__plans') }}

),

rates as (

    select * from {{ ref('int_exchange_rates_needed') }}

),

converted as (

    select
        versions.subscription_version_id,
        versions.subscription_id,
        versions.account_id,
        versions.plan_id,
        versions.status,
        versions.quantity,
        versions.amount,
        versions.currency,
        versions.billing_interval,
        versions.valid_from,
        versions.valid_to,
        versions.cancel_requested_at,
        versions.contract_month,
        rates.rate_to_reporting as contract_rate,
        plans.list_price * versions.quantity as list_amount,
        plans.billing_interval as list_billing_interval,
        plans.currency as list_currency,
        list_rates.rate_to_reporting as list_contract_rate

    from versions
    left join rates
        on versions.currency = rates.currency
        and versions.contract_month = rates.month
    left join plans
        on versions.plan_id = plans.plan_id
    left join rates as list_rates
        on plans.currency = list_rates.currency
        and versions.contract_month = list_rates.month

),

final as (

    select
        *,
        {{ version_six_year_revenue('amount', 'billing_interval', 'contract_rate', 'status') }}
            as six_year_revenue,
        {{ safe_divide(
            version_six_year_revenue('amount', 'billing_interval', 'contract_rate', 'status'), 72
        ) }} as mrr

    from converted

)

select * from final
