{#-
    slices_sum_to_all(model, keys, additive_columns): in a long table of slices (columns
    `dimension`, `dimension_value`, dimension `all` the whole), for every value of `keys` and
    every other dimension, the additive columns of its values sum to the `all` row (a null is
    0). Returns the keys and dimensions where not.
-#}
{% test slices_sum_to_all(model, keys, additive_columns) %}

with

slices as (

    select * from {{ model }}

),

whole as (

    select * from slices
    where dimension = 'all'

),

dimensions as (

    select distinct dimension from slices
    where dimension != 'all'

),

sums as (

    select
        {%- for key in keys %}
            {{ key }},
        {%- endfor %}
        {%- for column in additive_columns %}
            sum(coalesce({{ column }}, 0)) as {{ column }},
        {%- endfor %}
        dimension

    from slices
    where dimension != 'all'
    group by {{ (keys + ['dimension']) | join(', ') }}

)

select
    {%- for key in keys %}
        whole.{{ key }},
    {%- endfor %}
    dimensions.dimension

from whole
cross join dimensions
left join sums
    on dimensions.dimension = sums.dimension
    {%- for key in keys %}
        and whole.{{ key }} = sums.{{ key }}
    {%- endfor %}
where
    {%- for column in additive_columns %}
        coalesce(sums.{{ column }}, 0) != coalesce(whole.{{ column }}, 0)
        or
    {%- endfor %}
    false

{% endtest %}
