{#-
    account_fates(): a query of the winning copy of each raw account id and its fate (`used`
    or `quarantined`), for the staging checks of tables that point at accounts: an id missing
    here is an unknown account, one whose winner was quarantined is `account quarantined`.
-#}
{% macro account_fates() -%}
    select
        account_id,
        row_status

    from {{ ref('base_raw__accounts') }}
    where row_status != 'duplicate' and account_id is not null
{%- endmacro %}
