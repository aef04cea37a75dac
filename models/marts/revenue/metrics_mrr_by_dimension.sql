-- grain: one row per month, dimension and dimension value: every reported month for
-- dimension `all` (value `all`), and for each other dimension every month and value that has
-- an account in its bridge or in its 12-month base

{%- set bridge_dimensions = ['plan_id', 'plan_tier', 'billing_interval', 'currency'] %}
{%- set account_dimensions = ['segment', 'country', 'acquisition_channel', 'cohort_month'] %}
{%- set additive_mrr = ['starting_mrr', 'new_mrr', 'expansion_mrr', 'reactivation_mrr',
                        'contraction_mrr', 'churned_mrr', 'fx_impact_mrr', 'ending_mrr',
                        'transferred_in_mrr',
                        'transferred_out_mrr'] %}
{%- set additive_customers = ['starting_customers', 'new_customers', 'reactivated_customers',
                              'churned_customers', 'ending_customers',
                              'transferred_in_customers', 'transferred_out_customers'] %}

with

months as (

    select * from {{ ref('int_months') }}

),

movements as (

    select * from {{ ref('int_account_mrr_movements') }}

),

dimensions as (

    select * from {{ ref('int_account_dimensions_monthly') }}

),

year_over_year as (

    select * from {{ ref('int_account_mrr_year_over_year') }}

),

-- the values as text, `unknown` where the account has none
dimension_values as (

    select
        account_id,
        month,
        {%- for dimension in bridge_dimensions + account_dimensions %}
            coalesce(cast({{ dimension }} as {{ dbt.type_string() }}), 'unknown')
                as {{ dimension }},
        {%- endfor %}
        'all' as all_accounts

    from dimensions

),

-- each dimension's value at this close (null when nothing is paid) and at the previous one
account_months as (

    select
        movements.account_id,
        movements.month,
        movements.mrr,
        movements.previous_mrr,
        movements.movement,
        movements.movement_mrr,
        movements.fx_impact_mrr,
        movements.was_customer,
        {%- for dimension in bridge_dimensions + account_dimensions %}
            case when movements.is_customer then dimension_values.{{ dimension }} end
                as {{ dimension }}_at_close,
        {%- endfor %}
        case when movements.is_customer then dimension_values.all_accounts end as all_at_close

    from movements
    inner join dimension_values
        on movements.account_id = dimension_values.account_id
        and movements.month = dimension_values.month

),

with_previous as (

    select
        {%- for dimension in ['all'] + bridge_dimensions + account_dimensions %}
            lag({{ dimension }}_at_close) over (partition by account_id order by month)
                as {{ dimension }}_at_previous_close,
        {%- endfor %}
        *

    from account_months

),

-- one row per account-month and dimension (unpivoted)
account_month_values as (

    {%- for dimension in ['all'] + bridge_dimensions + account_dimensions %}
        select
            account_id,
            month,
            mrr,
            previous_mrr,
            movement,
            movement_mrr,
            fx_impact_mrr,
            was_customer,
            '{{ dimension }}' as dimension,
            {{ dimension }}_at_previous_close as value_at_previous_close,
            {{ dimension }}_at_close as value_at_close

        from with_previous
        where {{ dimension }}_at_close is not null or was_customer
        {{ 'union all' if not loop.last }}
    {%- endfor %}

),

-- the movement (and fx_impact_mrr) from the previous close to this close is in the value of
-- the previous close
-- (this close's value for new and reactivated accounts); an account whose value changed
-- moves out of it at this close's MRR and into its new value (the second leg, below)
legs as (

    select
        month,
        dimension,
        coalesce(value_at_previous_close, value_at_close) as dimension_value,
        previous_mrr as starting_mrr,
        case when movement = 'new' then movement_mrr else 0 end as new_mrr,
        case when movement = 'expansion' then movement_mrr else 0 end as expansion_mrr,
        case when movement = 'reactivation' then movement_mrr else 0 end as reactivation_mrr,
        case when movement = 'contraction' then movement_mrr else 0 end as contraction_mrr,
        case when movement = 'churn' then movement_mrr else 0 end as churned_mrr,
        fx_impact_mrr,
        case
            when value_at_close = value_at_previous_close or value_at_previous_close is null
                then mrr
            else 0
        end as ending_mrr,
        0 as transferred_in_mrr,
        case when value_at_close != value_at_previous_close then mrr else 0 end
            as transferred_out_mrr,
        case when was_customer then 1 else 0 end as starting_customers,
        case when movement = 'new' then 1 else 0 end as new_customers,
        case when movement = 'reactivation' then 1 else 0 end as reactivated_customers,
        case when movement = 'churn' then 1 else 0 end as churned_customers,
        case
            when value_at_close = value_at_previous_close or value_at_previous_close is null
                then 1
            else 0
        end as ending_customers,
        0 as transferred_in_customers,
        case when value_at_close != value_at_previous_close then 1 else 0 end
            as transferred_out_customers

    from account_month_values

    union all

    select
        month,
        dimension,
        value_at_close as dimension_value,
        0 as starting_mrr,
        0 as new_mrr,
        0 as expansion_mrr,
        0 as reactivation_mrr,
        0 as contraction_mrr,
        0 as churned_mrr,
        0 as fx_impact_mrr,
        mrr as ending_mrr,
        mrr as transferred_in_mrr,
        0 as transferred_out_mrr,
        0 as starting_customers,
        0 as new_customers,
        0 as reactivated_customers,
        0 as churned_customers,
        1 as ending_customers,
        1 as transferred_in_customers,
        0 as transferred_out_customers

    from account_month_values
    where value_at_close != value_at_previous_close

),

bridge as (

    select
        month,
        dimension,
        dimension_value,
        {%- for column in additive_mrr + additive_customers %}
            sum({{ column }}) as {{ column }},
        {%- endfor %}
        count(*) as legs

    from legs
    group by 1, 2, 3

),

-- accounts paying at the close of M-12, in their value of that close, followed to M
twelve_month_values as (

    {%- for dimension in ['all'] + bridge_dimensions + account_dimensions %}
        select
            year_over_year.month,
            '{{ dimension }}' as dimension,
            base_values.{{ dimension }}_at_close as dimension_value,
            year_over_year.base_mrr,
            year_over_year.mrr,
            year_over_year.mrr_capped_at_base

        from year_over_year
        inner join account_months as base_values
            on year_over_year.account_id = base_values.account_id
            and base_values.month
            = cast({{ dbt.dateadd('month', -12, 'year_over_year.month') }} as date)
        {{ 'union all' if not loop.last }}
    {%- endfor %}

),

twelve_month_retention as (

    select
        month,
        dimension,
        dimension_value,
        sum(base_mrr) as base_mrr,
        sum(mrr) as retained_mrr,
        sum(mrr_capped_at_base) as retained_mrr_capped

    from twelve_month_values
    group by 1, 2, 3

),

-- every reported month for `all`; the other slices where they have accounts
slices as (

    select
        month,
        'all' as dimension,
        'all' as dimension_value

    from months

    union

    select
        month,
        dimension,
        dimension_value

    from bridge

    union

    select
        month,
        dimension,
        dimension_value

    from twelve_month_retention

),

filled as (

    select
        slices.month,
        slices.dimension,
        slices.dimension_value,
        {%- for column in additive_mrr %}
            cast(coalesce(bridge.{{ column }}, 0) as {{ type_money() }}) as {{ column }},
        {%- endfor %}
        {%- for column in additive_customers %}
            cast(coalesce(bridge.{{ column }}, 0) as {{ dbt.type_bigint() }}) as {{ column }},
        {%- endfor %}
        cast(twelve_month_retention.base_mrr as {{ type_money() }}) as base_mrr_12m,
        cast(twelve_month_retention.retained_mrr as {{ type_money() }}) as retained_mrr_12m,
        cast(twelve_month_retention.retained_mrr_capped as {{ type_money() }})
            as retained_mrr_capped_12m

    from slices
    left join bridge
        on slices.month = bridge.month
        and slices.dimension = bridge.dimension
        and slices.dimension_value = bridge.dimension_value
    left join twelve_month_retention
        on slices.month = twelve_month_retention.month
        and slices.dimension = twelve_month_retention.dimension
        and slices.dimension_value = twelve_month_retention.dimension_value

),

final as (

    select
        month,
        cast(dimension as {{ dbt.type_string() }}) as dimension,
        cast(dimension_value as {{ dbt.type_string() }}) as dimension_value,
        starting_mrr,
        new_mrr,
        expansion_mrr,
        reactivation_mrr,
        contraction_mrr,
        churned_mrr,
        fx_impact_mrr,
        ending_mrr,
        cast(ending_mrr - starting_mrr as {{ type_money() }}) as net_new_mrr,
        starting_customers,
        new_customers,
        reactivated_customers,
        churned_customers,
        ending_customers,
        {{ mrr_bridge_rates() }},
        transferred_in_mrr,
        transferred_out_mrr,
        transferred_in_customers,
        transferred_out_customers,
        base_mrr_12m,
        retained_mrr_12m,
        retained_mrr_capped_12m

    from filled

)

select * from final
