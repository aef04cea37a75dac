-- grain: one row per usable account created on or before as_of_date

with

accounts as (

    select * from {{ ref('int_accounts') }}

),

final as (

    select
        account_id,
        account_name,
        segment,
        country,
        acquisition_channel,
        signup_date,
        cohort_month,
        first_paid_month,
        first_paid_mrr,
        last_paid_month,
        is_customer,
        current_mrr,
        paid_months,
        reactivations,
        realized_revenue,
        email_hash

    from accounts

)

select * from final
