-- grain: one row per reported month and segment: `all` for every month, and each segment
-- (the account's current segment) in the months it has answers

with

months as (

    select * from {{ ref('int_months') }}

),

responses as (

    select * from {{ ref('fct_nps_responses') }}

),

accounts as (

    select * from {{ ref('stg_raw__accounts') }}

),

answers as (

    select
        responses.month,
        accounts.segment,
        responses.category

    from responses
    inner join accounts
        on responses.account_id = accounts.account_id

),

per_segment as (

    select
        month,
        segment,
        count(*) as responses,
        sum(case when category = 'promoter' then 1 else 0 end) as promoters,
        sum(case when category = 'passive' then 1 else 0 end) as passives,
        sum(case when category = 'detractor' then 1 else 0 end) as detractors

    from answers
    group by 1, 2

),

overall as (

    select
        months.month,
        'all' as segment,
        coalesce(sum(per_segment.responses), 0) as responses,
        coalesce(sum(per_segment.promoters), 0) as promoters,
        coalesce(sum(per_segment.passives), 0) as passives,
        coalesce(sum(per_segment.detractors), 0) as detractors

    from months
    left join per_segment
        on months.month = per_segment.month
    group by 1, 2

),

segments as (

    select per_segment.*

    from per_segment
    inner join months
        on per_segment.month = months.month

),

unioned as (

    select * from overall
    union all
    select * from segments

),

final as (

    select
        month,
        cast(segment as {{ dbt.type_string() }}) as segment,
        cast(responses as {{ dbt.type_bigint() }}) as responses,
        cast(promoters as {{ dbt.type_bigint() }}) as promoters,
        cast(passives as {{ dbt.type_bigint() }}) as passives,
        cast(detractors as {{ dbt.type_bigint() }}) as detractors,
        {{ nps_score('promoters', 'detractors', 'responses') }} as nps

    from unioned
    -- empty, not months without answers, without a raw nps_responses table
    where {{ raw_table_exists('nps_responses') }}

)

select * from final
