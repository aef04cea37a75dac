-- grain: one row per account and month M for accounts paying at the close of M-12: their MRR
-- at both closes, the later capped at the earlier (the base of 12-month retention and of
-- yearly account growth)

with

account_months as (

    select * from {{ ref('int_account_mrr_monthly') }}

),

final as (

    select
        later.account_id,
        later.month,
        base.mrr as base_mrr,
        later.mrr,
        case when later.mrr < base.mrr then later.mrr else base.mrr end as mrr_capped_at_base

    from account_months as base
    inner join account_months as later
        on base.account_id = later.account_id
        and later.month = cast({{ dbt.dateadd('month', 12, 'base.month') }} as date)
    where base.mrr > 0

)

select * from final
