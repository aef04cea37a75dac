-- grain: one row per currency and month in which an amount in it must be converted: the
-- contract months of subscriptions and the months of spend
{%- set reporting_currency = var('reporting_currency') %}

with

versions as (

    select * from {{ ref('stg_raw__subscriptions') }}

),

spend as (

    select * from {{ ref('stg_raw__marketing_spend') }}

),

rates as (

    select * from {{ ref('stg_raw__exchange_rates') }}

),

needed as (

    select
        currency,
        contract_month as month

    from versions

    union

    select
        currency,
        cast({{ dbt.date_trunc('month', 'spend_date') }} as date) as month

    from spend

),

-- the rate of the month, or of the latest earlier month that has one
candidates as (

    select
        needed.currency,
        needed.month,
        rates.month as rate_month,
        rates.rate_to_reporting,
        row_number() over (
            partition by needed.currency, needed.month
            order by rates.month desc
        ) as recency

    from needed
    inner join rates
        on needed.currency = rates.currency
        and needed.month >= rates.month
    where needed.currency != '{{ reporting_currency }}'

),

final as (

    select
        currency,
        month,
        rate_month,
        rate_to_reporting

    from candidates
    where recency = 1

    union all

    -- the reporting currency converts at 1, whatever exchange_rates holds for it
    select
        currency,
        month,
        month as rate_month,
        cast(1 as {{ raw_number_kinds()['rate']['data_type'] }}) as rate_to_reporting

    from needed
    where currency = '{{ reporting_currency }}'

)

select * from final
