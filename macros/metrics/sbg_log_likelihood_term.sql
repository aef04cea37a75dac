{#- sbg_log_likelihood_term(first_churns, censored, log_churn_probability, log_survival): the
    contribution of period t to the sBG log-likelihood: the accounts whose first churn is in
    period t times ln P(t), plus the accounts observed t periods without churning
    (right-censored) times ln S(t). -#}
{% macro sbg_log_likelihood_term(first_churns, censored, log_churn_probability, log_survival) -%}
    (({{ first_churns }}) * ({{ log_churn_probability }}) + ({{ censored }}) * ({{ log_survival }}))
{%- endmacro %}
