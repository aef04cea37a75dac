{#-
    raw_number_kinds(): how staging keeps each kind of raw number: its SQL type and the
    magnitude it must stay below. Amounts (prices, billed amounts, spend) keep 8 decimals and
    up to 12 digits before the point; exchange rates keep 12 decimals and up to 6 digits; a
    count (seats) is a whole number of up to 9 digits. A converted amount (amount x periods
    per year x rate: 20 decimals) then fits a 38-digit decimal exactly on every engine.
-#}
{% macro raw_number_kinds() -%}
    {{ return({
        'amount': {'data_type': 'decimal(20, 8)', 'below': '1e12'},
        'rate': {'data_type': 'decimal(18, 12)', 'below': '1e6'},
        'count': {'data_type': dbt.type_int(), 'below': '1e9'},
    }) }}
{%- endmacro %}
