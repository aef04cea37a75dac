-- grain: one row per account per month, from the account's first paid month on, while its
-- MRR or its previous month's MRR is above 0

with

movements as (

    select * from {{ ref('int_account_mrr_movements') }}

),

final as (

    select
        account_id,
        month,
        cast(mrr as decimal(38, 2)) as mrr,
        cast(previous_mrr as decimal(38, 2)) as previous_mrr,
        cast(movement as {{ dbt.type_string() }}) as movement,
        cast(movement_mrr as decimal(38, 2)) as movement_mrr

    from movements
    where mrr > 0 or previous_mrr > 0

)

select * from final
