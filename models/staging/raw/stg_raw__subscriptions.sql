-- grain: one row per usable subscription version

with

subscriptions_rows as (

    select * from {{ ref('base_raw__subscriptions') }}

),

used as (

    select
        subscription_version_id,
        subscription_id,
        account_id,
        plan_id,
        status,
        quantity,
        amount,
        currency,
        billing_interval,
        valid_from,
        valid_to,
        updated_at,
        cancel_requested_at,
        contract_month

    from subscriptions_rows
    where row_status = 'used'

)

select * from used
