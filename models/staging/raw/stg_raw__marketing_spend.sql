-- grain: one row per usable spend row (identical rows are separate spends)

with

marketing_spend_rows as (

    select * from {{ ref('base_raw__marketing_spend') }}

),

used as (

    select
        spend_id,
        spend_date,
        channel,
        amount,
        currency

    from marketing_spend_rows
    where row_status = 'used'

)

select * from used
