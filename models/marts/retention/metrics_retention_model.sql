-- grain: one row per segment with a paying account, and `all`: the shifted-beta-geometric
-- retention model (fitted in int_retention_model_fits), its lifetimes and CLV
{%- set horizon_months = 1200 %}  {#- 100 years: discounted survival beyond is negligible #}

with

fits as (

    select * from {{ ref('int_retention_model_fits') }}

),

accounts as (

    select * from {{ ref('int_accounts') }}

),

series as (

    {{ dbt.generate_series(horizon_months) }}

),

segment_arpa as (

    select
        segment,
        sum(current_mrr) as mrr,
        sum(case when is_customer then 1 else 0 end) as customers

    from accounts
    group by 1

    union all

    select
        'all' as segment,
        sum(current_mrr) as mrr,
        sum(case when is_customer then 1 else 0 end) as customers

    from accounts

),

-- S(t) for t = 1..horizon_months of the fitted models
projection as (

    select
        fits.segment,
        series.generated_number as months,
        exp(sum({{ sbg_log_retention_step(
            'exp(fits.log_alpha)', 'exp(fits.log_beta)', 'series.generated_number') }}) over (
            partition by fits.segment
            order by series.generated_number
            rows between unbounded preceding and current row
        )) as survival

    from fits
    cross join series
    where fits.fit_status = 'ok'

),

lifetimes as (

    select
        segment,
        min(case when survival <= 0.5 then months end) as median_lifetime_months,
        -- S(0) = 1, then t = 1..horizon_months - 1
        1 + sum(
            case
                when months <= {{ horizon_months - 1 }}
                    then {{ discounted_survival(
                        'survival', 'months', var('annual_discount_rate')) }}
                else 0
            end
        ) as discounted_expected_lifetime

    from projection
    group by 1

),

final as (

    select
        fits.segment,
        fits.fit_status,
        fits.alpha,
        fits.beta,
        case when fits.fit_status = 'ok' then fits.log_likelihood end as log_likelihood,
        cast(fits.accounts as {{ dbt.type_bigint() }}) as accounts,
        cast(fits.first_churns as {{ dbt.type_bigint() }}) as first_churns,
        cast(lifetimes.median_lifetime_months as {{ dbt.type_int() }}) as median_lifetime_months,
        case
            when fits.fit_status = 'ok'
                then {{ sbg_expected_lifetime('exp(fits.log_alpha)', 'exp(fits.log_beta)') }}
        end as expected_lifetime_months,
        lifetimes.discounted_expected_lifetime,
        {{ arpa('segment_arpa.mrr', 'segment_arpa.customers') }} as arpa,
        lifetimes.discounted_expected_lifetime
        * {{ arpa('segment_arpa.mrr', 'segment_arpa.customers') }}
        * {{ var('gross_margin') }} as clv_sbg

    from fits
    left join lifetimes
        on fits.segment = lifetimes.segment
    left join segment_arpa
        on fits.segment = segment_arpa.segment

)

select * from final
