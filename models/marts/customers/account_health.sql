-- grain: one row per account that is a customer at the close of the as_of_date month or has a
-- trialing version in force then (at the end of as_of_date)
{%- set as_of = as_of_date() %}
{%- set end_of_as_of = as_of_day_end() %}
{#- the windows and ratio of the flags (metric definitions; the column names carry the 30) #}
{%- set usage_window_days = 30 %}      {#- active users in the last and the prior window #}
{%- set usage_drop_share = 0.5 %}      {#- a drop: the last window at most half the prior #}
{%- set inactive_days = 14 %}          {#- inactive: no event in the last 14 days #}
{%- set detractor_window_days = 180 %} {#- a detractor answer counts for 180 days #}
{%- set contraction_months = 3 %}      {#- a contraction in the as_of month or the 2 before #}
{%- set trial_ending_days = 7 %}       {#- a trial ending within 7 days after as_of_date #}

with

accounts as (

    select * from {{ ref('int_accounts') }}

),

versions as (

    select * from {{ ref('int_subscription_versions_converted') }}

),

activity as (

    select * from {{ ref('int_user_activity_daily') }}

),

responses as (

    select * from {{ ref('stg_raw__nps_responses') }}

),

movements as (

    select * from {{ ref('int_account_mrr_movements') }}

),

versions_at_end as (

    select
        account_id,
        max(case when status = 'trialing' then 1 else 0 end) as has_trial,
        max(case when six_year_revenue > 0 then 1 else 0 end) as has_paying_version,
        -- a trial in force whose end falls within 7 days after the end of as_of_date
        max(
            case
                when status = 'trialing'
                    and valid_to <= {{ dbt.dateadd('day', trial_ending_days, end_of_as_of) }}
                    then 1
                else 0
            end
        ) as has_trial_ending

    from versions
    where valid_from < {{ end_of_as_of }}
        and (valid_to is null or valid_to >= {{ end_of_as_of }})
    group by 1

),

book as (

    select
        accounts.account_id,
        accounts.current_mrr,
        coalesce(versions_at_end.has_trial_ending, 0) = 1
        and coalesce(versions_at_end.has_paying_version, 0) = 0 as flag_trial_ending

    from accounts
    left join versions_at_end
        on accounts.account_id = versions_at_end.account_id
    where accounts.is_customer or coalesce(versions_at_end.has_trial, 0) = 1

),

recent_usage as (

    select
        account_id,
        count(distinct case
            when activity_date > {{ dbt.dateadd('day', -usage_window_days, as_of) }}
                then user_id
        end) as active_users_last_30d,
        count(distinct case
            when activity_date <= {{ dbt.dateadd('day', -usage_window_days, as_of) }}
                then user_id
        end) as active_users_prior_30d,
        max(
            case
                when activity_date > {{ dbt.dateadd('day', -inactive_days, as_of) }} then 1
                else 0
            end
        ) as active_last_14d

    from activity
    where activity_date <= {{ as_of }}
        and activity_date > {{ dbt.dateadd('day', -2 * usage_window_days, as_of) }}
    group by 1

),

last_activity as (

    select
        account_id,
        max(activity_date) as last_activity_date

    from activity
    where activity_date <= {{ as_of }}
    group by 1

),

latest_answers as (

    select
        account_id,
        responded_at,
        {{ nps_category('score') }} as category,
        row_number() over (
            partition by account_id
            order by responded_at desc, {{ sortable_text('response_id') }} desc
        ) as recency

    from responses
    where responded_at < {{ end_of_as_of }}

),

recent_contractions as (

    select distinct account_id

    from movements
    where movement = 'contraction'
        and month >= {{ dbt.dateadd('month', -(contraction_months - 1), as_of_month()) }}

),

flagged as (

    select
        book.account_id,
        book.current_mrr,
        cast(
            {{ dbt.datediff('last_activity.last_activity_date', as_of, 'day') }} -- noqa: LT05
            as integer
        ) as days_since_last_activity,
        coalesce(recent_usage.active_users_last_30d, 0) as active_users_last_30d,
        coalesce(recent_usage.active_users_prior_30d, 0) as active_users_prior_30d,
        latest_answers.category as latest_nps_category,
        coalesce(recent_usage.active_users_prior_30d, 0) >= 1
        and coalesce(recent_usage.active_users_last_30d, 0)
        <= {{ usage_drop_share }} * coalesce(recent_usage.active_users_prior_30d, 0)
            as flag_usage_drop,
        -- without a raw events table there is no usage to judge: no account is inactive
        coalesce(recent_usage.active_last_14d, 0) = 0
        and {{ raw_table_exists('events') }} as flag_inactive,
        coalesce(
            latest_answers.category = 'detractor'
            and latest_answers.responded_at
            >= {{ dbt.dateadd('day', -(detractor_window_days - 1), as_of) }},
            false
        ) as flag_detractor,
        recent_contractions.account_id is not null as flag_recent_contraction,
        book.flag_trial_ending

    from book
    left join recent_usage
        on book.account_id = recent_usage.account_id
    left join last_activity
        on book.account_id = last_activity.account_id
    left join latest_answers
        on book.account_id = latest_answers.account_id
        and latest_answers.recency = 1
    left join recent_contractions
        on book.account_id = recent_contractions.account_id

),

scored as (

    select
        *,
        case when flag_usage_drop then 1 else 0 end
        + case when flag_inactive then 1 else 0 end
        + case when flag_detractor then 1 else 0 end
        + case when flag_recent_contraction then 1 else 0 end
        + case when flag_trial_ending then 1 else 0 end as risk_score

    from flagged

),

final as (

    select
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(current_mrr as {{ type_money() }}) as current_mrr,
        days_since_last_activity,
        cast(active_users_last_30d as {{ dbt.type_bigint() }}) as active_users_last_30d,
        cast(active_users_prior_30d as {{ dbt.type_bigint() }}) as active_users_prior_30d,
        cast(latest_nps_category as {{ dbt.type_string() }}) as latest_nps_category,
        flag_usage_drop,
        flag_inactive,
        flag_detractor,
        flag_recent_contraction,
        flag_trial_ending,
        cast(risk_score as integer) as risk_score,
        cast({{ risk_level('risk_score') }} as {{ dbt.type_string() }}) as risk_level

    from scored

)

select * from final
