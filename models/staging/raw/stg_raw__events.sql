{#- a view: a table would copy every used event of base_raw__events (the largest table) -#}
{{ config(materialized='view') }}

-- grain: one row per usable event (one per event_id)

with

events_rows as (

    select * from {{ ref('base_raw__events') }}

),

used as (

    select
        event_id,
        account_id,
        user_id,
        event_name,
        feature,
        occurred_at,
        session_id

    from events_rows
    where row_status = 'used'

)

select * from used
