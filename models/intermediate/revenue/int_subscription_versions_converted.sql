-- grain: one row per usable subscription version, with its ARR and MRR in the reporting
-- currency at the subscription's contract rate
{%- set reporting_currency = var('reporting_currency') %}

with

versions as (

    select * from {{ ref('stg_raw__subscriptions') }}

),

rates as (

    select * from {{ ref('stg_raw__exchange_rates') }}

),

contract_months as (

    select distinct
        currency,
        contract_month

    from versions
    where currency != '{{ reporting_currency }}'

),

-- the rate of the contract month, or of the latest earlier month that has one
rate_candidates as (

    select
        contract_months.currency,
        contract_months.contract_month,
        rates.rate_to_reporting,
        row_number() over (
            partition by contract_months.currency, contract_months.contract_month
            order by rates.month desc
        ) as recency

    from contract_months
    inner join rates
        on contract_months.currency = rates.currency
        and contract_months.contract_month >= rates.month

),

contract_rates as (

    select
        currency,
        contract_month,
        rate_to_reporting

    from rate_candidates
    where recency = 1

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
        versions.contract_month,
        case
            when versions.currency = '{{ reporting_currency }}' then 1
            else contract_rates.rate_to_reporting
        end as contract_rate

    from versions
    left join contract_rates
        on versions.currency = contract_rates.currency
        and versions.contract_month = contract_rates.contract_month

),

final as (

    select
        *,
        {{ version_arr('amount', 'billing_interval', 'contract_rate', 'status') }} as arr,
        {{ safe_divide(version_arr('amount', 'billing_interval', 'contract_rate', 'status'), 12) }}
            as mrr

    from converted

)

select * from final
