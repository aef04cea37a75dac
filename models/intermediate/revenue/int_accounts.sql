-- grain: one row per usable account created on or before as_of_date: who it is and its paid
-- history up to the as_of_date close (what every model needing account attributes reads)

with

accounts as (

    select * from {{ ref('stg_raw__accounts') }}

),

lifetimes as (

    select * from {{ ref('int_account_lifetimes') }}

),

final as (

    select
        accounts.account_id,
        accounts.account_name,
        accounts.segment,
        accounts.country,
        accounts.acquisition_channel,
        cast(accounts.created_at as date) as signup_date,
        lifetimes.first_paid_month as cohort_month,
        lifetimes.first_paid_month,
        cast(lifetimes.first_paid_mrr as {{ type_money() }}) as first_paid_mrr,
        lifetimes.last_paid_month,
        coalesce(lifetimes.is_current_customer, false) as is_customer,
        cast(coalesce(lifetimes.current_mrr, 0) as {{ type_money() }}) as current_mrr,
        cast(coalesce(lifetimes.paid_months, 0) as {{ dbt.type_bigint() }}) as paid_months,
        cast(coalesce(lifetimes.reactivations, 0) as {{ dbt.type_bigint() }}) as reactivations,
        cast(coalesce(lifetimes.realized_revenue, 0) as {{ type_money() }}) as realized_revenue,
        accounts.email_hash

    from accounts
    left join lifetimes
        on accounts.account_id = lifetimes.account_id
    where accounts.created_at < {{ as_of_day_end() }}

)

select * from final
