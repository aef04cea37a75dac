{#-
    rows_equal_model(model, compare_model, columns): the rows of `model`, in these columns, are
    exactly the rows of `compare_model` (with dbt's `where` config: the `all` slice is the
    company-wide mart). Returns each row found in one and not in the other.
-#}
{% test rows_equal_model(model, compare_model, columns) %}

with

model_rows as (

    select {{ columns | join(', ') }}
    from {{ model }}

),

compared_rows as (

    select {{ columns | join(', ') }}
    from {{ compare_model }}

),

only_in_model as (

    select * from model_rows
    except
    select * from compared_rows

),

only_in_compared as (

    select * from compared_rows
    except
    select * from model_rows

)

select
    'only in the model' as found,
    {{ columns | join(', ') }}
from only_in_model

union all

select
    'only in the compared model' as found,
    {{ columns | join(', ') }}
from only_in_compared

{% endtest %}
