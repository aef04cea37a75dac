-- grain: one row per NPS answer that counts, on or before as_of_date: the latest answer of each
-- user in each month (ties: the larger response_id), or every answer with nps_answers_counted
-- = all

with

responses as (

    select * from {{ ref('stg_raw__nps_responses') }}

),

ranked as (

    select
        *,
        cast({{ dbt.date_trunc('month', 'responded_at') }} as date) as month,
        row_number() over (
            partition by user_id, {{ dbt.date_trunc('month', 'responded_at') }}
            order by responded_at desc, {{ sortable_text('response_id') }} desc
        ) as recency

    from responses
    where responded_at < {{ as_of_day_end() }}

),

final as (

    select
        cast(response_id as {{ dbt.type_string() }}) as response_id,
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(user_id as {{ dbt.type_string() }}) as user_id,
        month,
        responded_at,
        cast(score as integer) as score,
        cast({{ nps_category('score') }} as {{ dbt.type_string() }}) as category

    from ranked
    where {{ 'true' if policy('nps_answers_counted') == 'all' else 'recency = 1' }}

)

select * from final
