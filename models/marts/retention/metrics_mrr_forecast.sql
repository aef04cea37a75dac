-- grain: one row per segment (and `all`) and months ahead k = 1..12: the expected MRR of the
-- book paying at the as-of close, each account kept with the conditional sBG survival of its
-- segment's fit at its age, S(t + k) / S(t)

with

as_of_month as (

    select month from {{ ref('int_months') }}
    where is_as_of_month

),

lifetimes as (

    select * from {{ ref('int_account_lifetimes') }}

),

accounts as (

    select * from {{ ref('int_accounts') }}

),

models as (

    select * from {{ ref('int_retention_model_fits') }}

),

year_over_year as (

    select * from {{ ref('int_account_mrr_year_over_year') }}

),

series as (

    {{ dbt.generate_series(12) }}

),

-- today's book: accounts paying at the as-of close, their age t counted as the sBG fit
-- counts it (months from the first paid month to the as-of month)
book as (

    select
        accounts.account_id,
        accounts.segment,
        accounts.current_mrr as mrr,
        {{ dbt.datediff('lifetimes.first_paid_month', 'as_of_month.month', 'month') }}
            as age

    from accounts
    inner join lifetimes
        on accounts.account_id = lifetimes.account_id
    cross join as_of_month
    where accounts.current_mrr > 0

),

-- each account's own segment's fit; a segment whose fit is not `ok` uses the `all` fit
account_fits as (

    select
        book.account_id,
        book.segment,
        book.mrr,
        book.age,
        coalesce(segment_fit.alpha, all_fit.alpha) as alpha,
        coalesce(segment_fit.beta, all_fit.beta) as beta

    from book
    left join models as segment_fit
        on book.segment = segment_fit.segment
        and segment_fit.fit_status = 'ok'
    left join models as all_fit
        on all_fit.segment = 'all'
        and all_fit.fit_status = 'ok'

),

account_horizons as (

    select
        account_fits.account_id,
        account_fits.segment,
        account_fits.mrr,
        account_fits.alpha,
        account_fits.beta,
        cast(series.generated_number as {{ dbt.type_int() }}) as months_ahead,
        account_fits.age + cast(series.generated_number as {{ dbt.type_int() }}) as period

    from account_fits
    cross join series

),

-- ln S(t + k) - ln S(t): the retention steps of periods t + 1 .. t + k
account_forecasts as (

    select
        account_id,
        segment,
        mrr,
        months_ahead,
        -- an exact decimal per account, so that the sums do not depend on the order of addition
        cast(mrr * exp(sum({{ sbg_log_retention_step('alpha', 'beta', 'period') }}) over (
            partition by account_id order by months_ahead
            rows between unbounded preceding and current row
        )) as decimal(38, 6)) as expected_mrr

    from account_horizons

),

segmented as (

    select
        segment,
        months_ahead,
        mrr,
        expected_mrr

    from account_forecasts

    union all

    select
        'all' as segment,
        months_ahead,
        mrr,
        expected_mrr

    from account_forecasts

),

forecasts as (

    select
        segment,
        months_ahead,
        sum(mrr) as starting_mrr,
        cast(sum(expected_mrr) as {{ type_money() }}) as expected_mrr

    from segmented
    group by 1, 2

),

-- the latest observed 12-month GRR: accounts paying at the close 12 months before the as-of
-- month, their MRR at the as-of close capped at the earlier one
retention_base as (

    select
        accounts.segment,
        year_over_year.base_mrr,
        year_over_year.mrr_capped_at_base as retained_mrr_capped

    from year_over_year
    inner join accounts
        on year_over_year.account_id = accounts.account_id
    inner join as_of_month
        on year_over_year.month = as_of_month.month

),

observed_segments as (

    select
        segment,
        base_mrr,
        retained_mrr_capped

    from retention_base

    union all

    select
        'all' as segment,
        base_mrr,
        retained_mrr_capped

    from retention_base

),

observed as (

    select
        segment,
        sum(base_mrr) as base_mrr,
        sum(retained_mrr_capped) as retained_mrr_capped

    from observed_segments
    group by 1

),

final as (

    select
        cast(forecasts.segment as {{ dbt.type_string() }}) as segment,
        cast(forecasts.months_ahead as {{ dbt.type_int() }}) as months_ahead,
        cast({{ dbt.dateadd('month', 'forecasts.months_ahead', 'as_of_month.month') }} as date)
            as forecast_month,
        cast(forecasts.starting_mrr as {{ type_money() }}) as starting_mrr,
        cast(forecasts.expected_mrr as {{ type_money() }}) as expected_mrr,
        cast(
            {{ safe_divide('forecasts.expected_mrr', 'forecasts.starting_mrr') }}
            as {{ type_double() }}
        ) as expected_retention,
        cast(
            {{ safe_divide('observed.retained_mrr_capped', 'observed.base_mrr') }}
            as {{ type_double() }}
        ) as observed_grr_12m

    from forecasts
    cross join as_of_month
    left join observed
        on forecasts.segment = observed.segment

)

select * from final
