-- grain: one row per reported month (as int_months): the calendar the semantic layer places
-- monthly metrics on

with

months as (

    select * from {{ ref('int_months') }}

),

final as (

    select cast(month as date) as month_start

    from months

)

select * from final
