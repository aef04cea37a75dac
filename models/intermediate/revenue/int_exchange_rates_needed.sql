-- grain: one row per currency and month in which an amount in it must be converted: the
-- contract months of subscriptions (in their currency and their plan's), the months of spend,
-- and with fx_basis `monthly` every reported month of every currency a subscription or its
-- plan is in
-- depends_on: {{ ref('int_months') }}
{%- set reporting_currency = var('reporting_currency') %}
{%- set fx_basis = policy('fx_basis') %}

with

versions as (

    select * from {{ ref('stg_raw__subscriptions') }}

),

spend as (

    select * from {{ ref('stg_raw__marketing_spend') }}

),

plans as (

    select * from {{ ref('stg_raw__plans') }}

),

rates as (

    select * from {{ ref('stg_raw__exchange_rates') }}

),

{%- if fx_basis == 'monthly' %}

months as (

    select * from {{ ref('int_months') }}

),
{%- endif %}

version_currencies as (

    select
        versions.currency,
        versions.contract_month

    from versions

    union

    select
        plans.currency,
        versions.contract_month

    from versions
    inner join plans
        on versions.plan_id = plans.plan_id

),

{%- if fx_basis == 'monthly' %}

currency_first_months as (

    select
        currency,
        min(contract_month) as first_month

    from version_currencies
    group by 1

),
{%- endif %}

needed as (

    select
        currency,
        contract_month as month

    from version_currencies

    union

    select
        currency,
        cast({{ dbt.date_trunc('month', 'spend_date') }} as date) as month

    from spend
    {%- if fx_basis == 'monthly' %}

    union

    select
        currency_first_months.currency,
        months.month

    from currency_first_months
    inner join months
        on currency_first_months.first_month <= months.month
    {%- endif %}

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
