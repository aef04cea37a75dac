-- grain: one row per segment with a paying account, and `all`: the shifted-beta-geometric
-- retention model fitted by maximum likelihood, in SQL, on a grid refined around its best point
-- (read by metrics_retention_model and metrics_retention_model_curve)
{#- the search covers alpha and beta in [0.001, 10000] #}
{%- set lower = -6.907755278982137 %}  {#- ln(0.001) #}
{%- set upper = 9.210340371976184 %}   {#- ln(10000) #}
{%- set coarse_points = 41 %}
{%- set coarse_step = (upper - lower) / (coarse_points - 1) %}
{%- set refine_levels = 4 %}           {#- each level: 31 x 31 points, 1/5 of the previous step #}
{%- set refine_half_width = 15 %}
{%- set edge = 0.00995033085316809 %}  {#- ln(1.01): within 1 % of an edge is a boundary #}

with

observations as (

    select * from {{ ref('int_retention_observations') }}

),

accounts as (

    select * from {{ ref('int_accounts') }}

),

series as (

    {{ dbt.generate_series(coarse_points) }}

),

grid_steps as (

    select generated_number - 1 as grid_step

    from series
    where generated_number <= {{ coarse_points }}

),

refine_steps as (

    select generated_number - 1 as grid_step

    from series
    where generated_number <= {{ 2 * refine_half_width + 1 }}

),

fitted_segments as (

    select
        segment,
        max(case when period = 1 then accounts_observed else 0 end) as accounts,
        sum(first_churns) as first_churns

    from observations
    group by 1

),

-- one set of CTEs per grid level (generated: sqlfluff cannot lay out a loop of CTEs)
-- noqa: disable=LT02
{% for level in range(refine_levels + 1) %}
{%- set step = coarse_step / (5 ** level) %}
points_{{ level }} as (

    {%- if level == 0 %}

    select
        fitted_segments.segment,
        alpha_steps.grid_step as alpha_step,
        beta_steps.grid_step as beta_step,
        {{ lower }} + alpha_steps.grid_step * {{ step }} as log_alpha,
        {{ lower }} + beta_steps.grid_step * {{ step }} as log_beta

    from fitted_segments
    cross join grid_steps as alpha_steps
    cross join grid_steps as beta_steps

    {%- else %}

    select
        best.segment,
        alpha_steps.grid_step as alpha_step,
        beta_steps.grid_step as beta_step,
        best.log_alpha + (alpha_steps.grid_step - {{ refine_half_width }}) * {{ step }}
            as log_alpha,
        best.log_beta + (beta_steps.grid_step - {{ refine_half_width }}) * {{ step }}
            as log_beta

    from best_{{ level - 1 }} as best
    cross join refine_steps as alpha_steps
    cross join refine_steps as beta_steps
    where best.log_alpha + (alpha_steps.grid_step - {{ refine_half_width }}) * {{ step }}
        between {{ lower }} and {{ upper }}
        and best.log_beta + (beta_steps.grid_step - {{ refine_half_width }}) * {{ step }}
        between {{ lower }} and {{ upper }}

    {%- endif %}

),

terms_{{ level }} as (

    select
        points.segment,
        points.alpha_step,
        points.beta_step,
        points.log_alpha,
        points.log_beta,
        observations.period,
        observations.first_churns,
        observations.censored,
        {{ sbg_log_retention_step(
            'exp(points.log_alpha)', 'exp(points.log_beta)', 'observations.period') }}
            as log_retention_step,
        sum({{ sbg_log_retention_step(
            'exp(points.log_alpha)', 'exp(points.log_beta)', 'observations.period') }}) over (
            partition by points.segment, points.alpha_step, points.beta_step
            order by observations.period
            rows between unbounded preceding and current row
        ) as log_survival

    from points_{{ level }} as points
    inner join observations
        on points.segment = observations.segment

),

fits_{{ level }} as (

    select
        segment,
        log_alpha,
        log_beta,
        sum({{ sbg_log_likelihood_term(
            'first_churns',
            'censored',
            sbg_log_churn_probability(
                'exp(log_alpha)', 'exp(log_beta)', 'period',
                'log_survival - log_retention_step'),
            'log_survival',
        ) }}) as log_likelihood

    from terms_{{ level }}
    group by 1, 2, 3

),

ranked_{{ level }} as (

    select
        *,
        row_number() over (
            partition by segment order by log_likelihood desc, log_alpha asc, log_beta asc
        ) as fit_rank

    from fits_{{ level }}

),

best_{{ level }} as (

    select
        segment,
        log_alpha,
        log_beta,
        log_likelihood

    from ranked_{{ level }}
    where fit_rank = 1

),

{% endfor -%}
-- noqa: enable=LT02

segments as (

    select distinct segment from accounts
    where first_paid_month is not null

    union

    select 'all' as segment

),

fits as (

    select
        segments.segment,
        coalesce(fitted_segments.accounts, 0) as accounts,
        coalesce(fitted_segments.first_churns, 0) as first_churns,
        best.log_alpha,
        best.log_beta,
        best.log_likelihood,
        case
            when coalesce(fitted_segments.accounts, 0) < 30
                or coalesce(fitted_segments.first_churns, 0) < 5 then 'too_few_accounts'
            when best.log_alpha <= {{ lower + edge }} or best.log_alpha >= {{ upper - edge }}
                or best.log_beta <= {{ lower + edge }} or best.log_beta >= {{ upper - edge }}
                then 'boundary'
            else 'ok'
        end as fit_status

    from segments
    left join fitted_segments
        on segments.segment = fitted_segments.segment
    left join best_{{ refine_levels }} as best
        on segments.segment = best.segment

),

final as (

    select
        cast(segment as {{ dbt.type_string() }}) as segment,
        cast(fit_status as {{ dbt.type_string() }}) as fit_status,
        accounts,
        first_churns,
        log_alpha,
        log_beta,
        log_likelihood,
        case when fit_status = 'ok' then exp(log_alpha) end as alpha,
        case when fit_status = 'ok' then exp(log_beta) end as beta

    from fits

)

select * from final
