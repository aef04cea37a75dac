-- grain: one row per account (signed up by as_of_date) per month, from the account's first
-- month with a version in force at a close through the as_of_date month
-- depends_on: {{ ref('int_exchange_rates_needed') }}

{%- set mrr_basis = policy('mrr_basis') %}
{%- set fx_basis = policy('fx_basis') %}
{%- set rate_months = ['month', 'next_month'] if fx_basis == 'monthly' else ['contract'] %}
{#- the book at the next month's rates: under `contract` it is the book itself -#}
{%- set next_month_revenue = 'six_year_revenue_at_next_month_rates'
                             if fx_basis == 'monthly' else 'six_year_revenue' %}

with

versions as (

    select * from {{ ref('int_subscription_versions_converted') }}

),

months as (

    select * from {{ ref('int_months') }}

),

{%- if fx_basis == 'monthly' %}

rates as (

    select * from {{ ref('int_exchange_rates_needed') }}

),
{%- endif %}

-- accounts signed up by the end of as_of_date: later signups are ignored, as dim_accounts
-- ignores them
accounts as (

    select * from {{ ref('stg_raw__accounts') }}
    where created_at < {{ as_of_day_end() }}

),

-- versions in force at the close: valid_from before it, valid_to null or not before the
-- first instant after it; a past_due version stops counting once it has been past due longer
-- than past_due_grace_days (unset: it always counts), and one whose customer asked to cancel
-- from the first close after the request when churn_recognition is `cancellation`. Each is
-- valued net (its amount) and at list (the price book's list price x seats, or net where the
-- plan or its rate is unknown), at the contract rate or, with fx_basis `monthly`, at the
-- month's rate and at the next month's (the book revalued, for fx_impact_mrr)
versions_at_close as (

    select
        versions.account_id,
        months.month,
        {%- for rates_of in rate_months %}
            {%- set suffix = '' if rates_of in ('contract', 'month') else '_at_next_month_rates' %}
            {%- set net_rate = 'versions.contract_rate' if rates_of == 'contract'
                               else rates_of ~ '_rates.rate_to_reporting' %}
            {%- set list_rate = 'versions.list_contract_rate' if rates_of == 'contract'
                                else rates_of ~ '_list_rates.rate_to_reporting' %}
            {%- set net_revenue = version_six_year_revenue(
                'versions.amount', 'versions.billing_interval', net_rate, 'versions.status') %}
            {%- set list_revenue = 'coalesce(' ~ version_six_year_revenue(
                'versions.list_amount', 'versions.list_billing_interval', list_rate,
                'versions.status') ~ ', ' ~ net_revenue ~ ')' %}
            {{ net_revenue }} as net_six_year_revenue{{ suffix }},
            {{ list_revenue }} as list_six_year_revenue{{ suffix }},
        {%- endfor %}
        versions.quantity,
        {{ is_past_due_beyond_grace('versions.status', 'versions.valid_from',
                                    'months.close_boundary_at') }} as is_past_grace,
        {{ is_cancellation_recognized('versions.cancel_requested_at',
                                      'months.close_boundary_at') }} as is_cancelled

    from versions
    inner join accounts
        on versions.account_id = accounts.account_id
    inner join months
        on versions.valid_from < months.close_boundary_at
        and (versions.valid_to is null or versions.valid_to >= months.close_boundary_at)
    {%- if fx_basis == 'monthly' %}
        {%- for rates_of, month in [('month', 'months.month'),
                                    ('next_month', dbt.dateadd('month', 1, 'months.month'))] %}
            {%- for alias, currency in [(rates_of ~ '_rates', 'versions.currency'),
                                        (rates_of ~ '_list_rates', 'versions.list_currency')] %}
    left join rates as {{ alias }}
        on {{ currency }} = {{ alias }}.currency
        and cast({{ month }} as date) = {{ alias }}.month
            {%- endfor %}
        {%- endfor %}
    {%- endif %}

),

-- what counts at the close, by mrr_basis
versions_counted as (

    select
        account_id,
        month,
        quantity,
        is_past_grace,
        is_cancelled,
        not is_past_grace and not is_cancelled as is_counted,
        net_six_year_revenue,
        list_six_year_revenue,
        {%- if fx_basis == 'monthly' %}
            {{ mrr_basis }}_six_year_revenue_at_next_month_rates
                as six_year_revenue_at_next_month_rates,
        {%- endif %}
        {{ mrr_basis }}_six_year_revenue as six_year_revenue

    from versions_at_close

),

account_totals as (

    select
        account_id,
        month,
        {%- for revenue in ['six_year_revenue', 'net_six_year_revenue', 'list_six_year_revenue',
                            next_month_revenue] | unique %}
            sum(case when is_counted then {{ revenue }} else 0 end) as total_{{ revenue }},
        {%- endfor %}
        sum(case when six_year_revenue > 0 and is_counted then quantity end) as seats,
        max(case when is_past_grace then 1 else 0 end) = 1 as has_version_past_grace,
        max(case when is_counted then 1 else 0 end) = 1 as has_version_counted

    from versions_counted
    group by 1, 2

),

account_first_months as (

    select
        account_id,
        min(month) as first_month

    from account_totals
    group by 1

),

account_months as (

    select
        account_first_months.account_id,
        months.month

    from account_first_months
    inner join months
        on account_first_months.first_month <= months.month

),

final as (

    select
        account_months.account_id,
        account_months.month,
        {%- for column, revenue in [('mrr', 'six_year_revenue'),
                                    ('list_mrr', 'list_six_year_revenue'),
                                    ('net_mrr', 'net_six_year_revenue'),
                                    ('mrr_at_next_month_rates',
                                     next_month_revenue)] %}
            cast(
                coalesce({{ account_mrr('account_totals.total_' ~ revenue) }}, 0)
                as {{ type_money() }}
            ) as {{ column }},
        {%- endfor %}
        account_totals.seats,
        coalesce(account_totals.has_version_past_grace, false) as has_version_past_grace,
        coalesce(account_totals.has_version_counted, false) as has_version_counted

    from account_months
    left join account_totals
        on account_months.account_id = account_totals.account_id
        and account_months.month = account_totals.month

)

select * from final
