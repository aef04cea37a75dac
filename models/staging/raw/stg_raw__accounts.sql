-- grain: one row per usable account

with

accounts_rows as (

    select * from {{ ref('base_raw__accounts') }}

),

used as (

    select
        account_id,
        account_name,
        email_hash,
        country,
        segment,
        acquisition_channel,
        created_at,
        updated_at

    from accounts_rows
    where row_status = 'used'

)

select * from used
