-- grain: one row per reported month and feature used that month

with

activity as (

    select * from {{ ref('int_user_activity_daily') }}

),

feature_usage as (

    select * from {{ ref('int_feature_usage_daily') }}

),

months as (

    select * from {{ ref('int_months') }}

),

active_accounts as (

    select
        cast({{ dbt.date_trunc('month', 'activity_date') }} as date) as month,
        count(distinct account_id) as active_accounts

    from activity
    where activity_date <= {{ as_of_date() }}
    group by 1

),

feature_months as (

    select
        cast({{ dbt.date_trunc('month', 'activity_date') }} as date) as month,
        feature,
        count(distinct account_id) as accounts_using,
        count(distinct user_id) as users_using,
        sum(events) as events

    from feature_usage
    where activity_date <= {{ as_of_date() }}
    group by 1, 2

),

final as (

    select
        feature_months.month,
        cast(feature_months.feature as {{ dbt.type_string() }}) as feature,
        cast(feature_months.accounts_using as {{ dbt.type_bigint() }}) as accounts_using,
        cast(active_accounts.active_accounts as {{ dbt.type_bigint() }}) as active_accounts,
        {{ adoption_rate('feature_months.accounts_using', 'active_accounts.active_accounts') }}
            as adoption_rate,
        cast(feature_months.users_using as {{ dbt.type_bigint() }}) as users_using,
        cast(feature_months.events as {{ dbt.type_bigint() }}) as events

    from feature_months
    inner join months
        on feature_months.month = months.month
    inner join active_accounts
        on feature_months.month = active_accounts.month

)

select * from final
