-- grain: one row per raw row of `subscriptions`, with its fate (used, duplicate or quarantined)
{%- set raw_columns = ['subscription_version_id', 'subscription_id', 'account_id', 'plan_id',
                       'status', 'quantity', 'amount', 'currency', 'billing_interval',
                       'valid_from', 'valid_to', 'updated_at', 'cancel_requested_at'] %}
{%- set reporting_currency = var('reporting_currency') %}

with recursive

source as (

    {{ raw_source('subscriptions') }}

),

-- the winning copy of each account id: used, or quarantined (its subscriptions then say so)
account_fates as (

    {{ account_fates() }}

),

rates as (

    select * from {{ ref('base_raw__exchange_rates') }}
    where row_status = 'used'

),

currency_rates as (

    select
        currency,
        min(month) as first_rate_month,
        max(rate_to_reporting) as max_rate

    from rates
    group by 1

),

cleaned as (

    select
        {{ clean_text('subscription_version_id') }} as subscription_version_id,
        {{ clean_text('subscription_id') }} as subscription_id,
        {{ clean_text('account_id') }} as account_id,
        {{ clean_text('plan_id') }} as plan_id,
        lower({{ clean_text('status') }}) as status,
        {{ clean_text('quantity') }} as quantity_text,
        {{ clean_text('amount') }} as amount_text,
        upper({{ clean_text('currency') }}) as currency,
        lower({{ clean_text('billing_interval') }}) as billing_interval,
        {{ clean_text('valid_from') }} as valid_from_text,
        {{ clean_text('valid_to') }} as valid_to_text,
        {{ clean_text('updated_at') }} as updated_at_text,
        {{ clean_text('cancel_requested_at') }} as cancel_requested_at_text,
        {{ raw_row_text(raw_columns, shown_when_set=['cancel_requested_at']) }} as raw_row

    from source

),

parsed as (

    select
        *,
        {{ number_check('quantity_text', 'quantity', 'count') }} as quantity_failure,
        {{ number_check('amount_text', 'amount', 'amount') }} as amount_failure,
        {{ parse_number('quantity_text', 'count') }} as quantity,
        {{ parse_number('amount_text', 'amount') }} as amount,
        {{ parse_timestamp_utc('valid_from_text') }} as valid_from,
        {{ parse_timestamp_utc('valid_to_text') }} as valid_to,
        {{ parse_timestamp_utc('updated_at_text') }} as updated_at,
        {{ parse_timestamp_utc('cancel_requested_at_text') }} as cancel_requested_at

    from cleaned

),

ranked as (

    select
        *,
        row_number() over (
            partition by subscription_version_id
            order by updated_at desc nulls last, {{ sortable_text('raw_row') }} desc
        ) as copy_rank

    from parsed

),

-- the contract month: month of the earliest parseable valid_from among the subscription's
-- deduplicated versions, before any other check (every version converts at its rate)
with_contract_month as (

    select
        *,
        cast(
            {{ dbt.date_trunc('month', 'min(valid_from) over (partition by subscription_id)') }}
            as date
        ) as contract_month

    from ranked
    where subscription_version_id is not null and copy_rank = 1

),

checked as (

    select
        ranked.*,
        with_contract_month.contract_month,
        case
            when ranked.subscription_version_id is null
                then 'missing key: subscription_version_id'
            when ranked.copy_rank > 1 then null
            when ranked.subscription_id is null then 'missing required value: subscription_id'
            when ranked.account_id is null then 'missing required value: account_id'
            when ranked.status is null then 'missing required value: status'
            when ranked.quantity_text is null then 'missing required value: quantity'
            when ranked.amount_text is null then 'missing required value: amount'
            when ranked.currency is null then 'missing required value: currency'
            when ranked.billing_interval is null then 'missing required value: billing_interval'
            when ranked.valid_from_text is null then 'missing required value: valid_from'
            when ranked.quantity_failure is not null then ranked.quantity_failure
            when ranked.amount_failure is not null then ranked.amount_failure
            when account_fates.account_id is null then 'unknown account'
            when account_fates.row_status = 'quarantined' then 'account quarantined'
            when ranked.amount < 0 then 'negative amount'
            when ranked.quantity < 1 then 'quantity below 1'
            when ranked.valid_to <= ranked.valid_from then 'valid_to <= valid_from'
            when ranked.status not in ('trialing', 'active', 'past_due') then 'unknown status'
            when ranked.billing_interval not in {{ billing_intervals() }}
                then 'unknown billing_interval'
            when ranked.currency != '{{ reporting_currency }}'
                and with_contract_month.contract_month is not null
                and (
                    currency_rates.first_rate_month is null
                    or currency_rates.first_rate_month > with_contract_month.contract_month
                )
                then 'unknown currency: no exchange rate at or before the contract month'
            -- the yearly amount in the reporting currency, at the currency's highest rate,
            -- must stay below 10^15 (so every sum of it stays exact in a 38-digit decimal)
            when cast(ranked.amount as {{ type_double() }})
                * {{ billing_periods_per_six_years('ranked.billing_interval') }} / 6
                * case
                    when ranked.currency = '{{ reporting_currency }}' then 1
                    else cast(currency_rates.max_rate as {{ type_double() }})
                end >= 1e15
                then 'number out of range: amount'
            when ranked.valid_from is null then 'unparseable timestamp: valid_from'
            when ranked.valid_from < {{ earliest_date() }}
                then 'date before earliest_date: valid_from'
            when ranked.valid_to_text is not null and ranked.valid_to is null
                then 'unparseable timestamp: valid_to'
            when ranked.updated_at_text is not null and ranked.updated_at is null
                then 'unparseable timestamp: updated_at'
            when ranked.cancel_requested_at_text is not null
                and ranked.cancel_requested_at is null
                then 'unparseable timestamp: cancel_requested_at'
        end as check_failure

    from ranked
    left join with_contract_month
        on ranked.subscription_version_id = with_contract_month.subscription_version_id
        and ranked.copy_rank = 1
    left join account_fates
        on ranked.account_id = account_fates.account_id
    left join currency_rates
        on ranked.currency = currency_rates.currency

),

-- overlaps: the versions that passed, in order of valid_from (ties: version id); a version
-- starting before the previous *kept* version ends is quarantined, the kept ones stand
passed as (

    select
        subscription_id,
        subscription_version_id,
        valid_from,
        valid_to,
        row_number() over (
            partition by subscription_id
            order by valid_from, {{ sortable_text('subscription_version_id') }}
        ) as version_order,
        lag(valid_to) over (
            partition by subscription_id
            order by valid_from, {{ sortable_text('subscription_version_id') }}
        ) as previous_valid_to

    from checked
    where check_failure is null and copy_rank = 1

),

-- only subscriptions where some version starts before its predecessor ends need the scan
subscriptions_to_scan as (

    select subscription_id

    from passed
    where version_order > 1
        and (previous_valid_to is null or valid_from < previous_valid_to)
    group by 1

),

versions_to_scan as (

    select passed.*

    from passed
    inner join subscriptions_to_scan
        on passed.subscription_id = subscriptions_to_scan.subscription_id

),

overlap_scan as (

    select
        subscription_id,
        version_order,
        subscription_version_id,
        subscription_version_id as kept_version_id,
        valid_to as kept_valid_to

    from versions_to_scan
    where version_order = 1

    union all

    -- a version is kept when it starts at or after the end of the last kept one (which
    -- never ends when its valid_to is null)
    select
        versions_to_scan.subscription_id,
        versions_to_scan.version_order,
        versions_to_scan.subscription_version_id,
        case
            when versions_to_scan.valid_from >= overlap_scan.kept_valid_to
                then versions_to_scan.subscription_version_id
            else overlap_scan.kept_version_id
        end as kept_version_id,
        case
            when versions_to_scan.valid_from >= overlap_scan.kept_valid_to
                then versions_to_scan.valid_to
            else overlap_scan.kept_valid_to
        end as kept_valid_to

    from overlap_scan
    inner join versions_to_scan
        on overlap_scan.subscription_id = versions_to_scan.subscription_id
        and overlap_scan.version_order + 1 = versions_to_scan.version_order

),

overlap_reasons as (

    select
        subscription_version_id,
        {{ dbt.concat(["'overlaps version '", 'kept_version_id']) }} as overlap_reason

    from overlap_scan
    where kept_version_id != subscription_version_id

),

final as (

    select
        checked.subscription_version_id as record_key,
        checked.raw_row,
        {{ row_status(
            'coalesce(checked.check_failure, overlap_reasons.overlap_reason)', 'checked.copy_rank'
        ) }} as row_status,
        coalesce(checked.check_failure, overlap_reasons.overlap_reason) as quarantine_reason,
        checked.subscription_version_id,
        checked.subscription_id,
        checked.account_id,
        checked.plan_id,
        checked.status,
        checked.quantity,
        checked.amount,
        checked.currency,
        checked.billing_interval,
        checked.valid_from,
        checked.valid_to,
        checked.updated_at,
        checked.cancel_requested_at,
        checked.contract_month

    from checked
    left join overlap_reasons
        on checked.subscription_version_id = overlap_reasons.subscription_version_id
        and checked.copy_rank = 1

)

select * from final
