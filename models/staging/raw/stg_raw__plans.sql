-- grain: one row per usable plan

with

plans_rows as (

    select * from {{ ref('base_raw__plans') }}

),

used as (

    select
        plan_id,
        plan_name,
        tier,
        billing_interval,
        list_price,
        currency

    from plans_rows
    where row_status = 'used'

)

select * from used
