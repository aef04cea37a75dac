-- grain: one row per usable NPS answer

with

nps_responses_rows as (

    select * from {{ ref('base_raw__nps_responses') }}

),

used as (

    select
        response_id,
        account_id,
        user_id,
        score,
        has_comment,
        responded_at

    from nps_responses_rows
    where row_status = 'used'

)

select * from used
