-- grain: one row per segment of the retention model fit and months since start t = 1..36:
-- the observed survival beside the fitted model's projection

with

models as (

    select * from {{ ref('int_retention_model_fits') }}

),

observations as (

    select * from {{ ref('int_retention_observations') }}

),

series as (

    {{ dbt.generate_series(36) }}

),

-- Kaplan-Meier over cohorts: the product over k = 1..t of (1 - first churns in period k /
-- accounts at risk at its start), both over the cohorts observed at least k periods
kaplan_meier as (

    select
        segment,
        period,
        accounts_observed,
        sum(case when at_risk > 0 and first_churns = at_risk then 1 else 0 end) over (
            partition by segment order by period
            rows between unbounded preceding and current row
        ) as emptied_periods,
        exp(sum(
            case
                when at_risk > 0 and first_churns < at_risk
                    then ln(1 - cast(first_churns as {{ type_double() }}) / at_risk)
                else 0
            end
        ) over (
            partition by segment order by period
            rows between unbounded preceding and current row
        )) as survival

    from observations

),

curve as (

    select
        models.segment,
        models.alpha,
        models.beta,
        cast(series.generated_number as {{ dbt.type_int() }}) as months_since_start

    from models
    cross join series

),

projected as (

    select
        segment,
        months_since_start,
        exp(sum({{ sbg_log_retention_step('alpha', 'beta', 'months_since_start') }}) over (
            partition by segment order by months_since_start
            rows between unbounded preceding and current row
        )) as projected_survival

    from curve

),

final as (

    select
        projected.segment,
        projected.months_since_start,
        case
            when kaplan_meier.accounts_observed > 0 and kaplan_meier.emptied_periods > 0 then 0
            when kaplan_meier.accounts_observed > 0 then kaplan_meier.survival
        end as observed_survival,
        projected.projected_survival

    from projected
    left join kaplan_meier
        on projected.segment = kaplan_meier.segment
        and projected.months_since_start = kaplan_meier.period

)

select * from final
