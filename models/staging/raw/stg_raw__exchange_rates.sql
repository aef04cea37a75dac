-- grain: one row per usable (month, currency) rate

with

exchange_rates_rows as (

    select * from {{ ref('base_raw__exchange_rates') }}

),

used as (

    select
        month,
        currency,
        rate_to_reporting

    from exchange_rates_rows
    where row_status = 'used'

)

select * from used
