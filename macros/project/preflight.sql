{#-
    preflight(): on-run-start check of what a `dbt build` or `dbt run` depends on, before any
    model runs. Problems, all listed in one error, each with what to do: `raw_schema` does not
    exist; a raw table the contract requires (raw_contract) does not exist; a required column
    is missing (with the marts that need it); `as_of_date` is not a real date. Log lines: an
    optional table that is absent (its marts are built empty) and an optional column that is
    absent (read as null). Warnings: `as_of_date` before the first account signup, or more
    than 90 days after the latest date in raw accounts and subscriptions.
    Only the raw tables whose base model is selected are checked; a table that a seed of the
    same run creates (the demo) is not checked. `dbt seed`, `dbt test`, parse and compile
    skip it.
-#}
{% macro preflight() -%}
    {%- if not execute or flags.WHICH not in ['build', 'run'] -%}
        {{ return('') }}
    {%- endif -%}
    {%- set contract = saas_retention.raw_contract() -%}
    {%- set schema = var('raw_schema') -%}
    {%- set problems = [] -%}
    {%- set notes = [] -%}
    {%- set as_of_problem = saas_retention.as_of_date_problem() -%}
    {%- if as_of_problem -%}
        {%- do problems.append(as_of_problem) -%}
    {%- endif -%}

    {#- the raw tables this run reads from the warehouse -#}
    {%- set checked_tables = [] -%}
    {%- for table in contract -%}
        {%- if 'model.saas_retention.base_raw__' ~ table in selected_resources
                and 'seed.saas_retention.' ~ table not in selected_resources -%}
            {%- do checked_tables.append(table) -%}
        {%- endif -%}
    {%- endfor -%}

    {%- set columns_found = {} -%}
    {%- if checked_tables
            and not adapter.check_schema_exists(source('raw', checked_tables[0]).database, schema) -%}
        {%- do problems.append(
            "The schema '" ~ schema ~ "' (variable raw_schema) does not exist. Set raw_schema to "
            ~ "the schema holding the raw tables, e.g. --vars '{raw_schema: acme_raw}', or "
            ~ "create it and load the tables (" ~ contract.keys() | join(', ') ~ ").") -%}
    {%- else -%}
        {%- for table in checked_tables -%}
            {%- set spec = contract[table] -%}
            {%- set relation = saas_retention.raw_relation(table) -%}
            {%- if relation is none and spec['optional'] -%}
                {%- set effects = [] -%}
                {%- for mart, effect in spec['without_it'].items() -%}
                    {%- do effects.append(mart ~ ": " ~ effect) -%}
                {%- endfor -%}
                {%- do notes.append(
                    "raw table " ~ schema ~ "." ~ table ~ " does not exist: it is optional, and read as "
                    ~ "empty. Empty because of it: " ~ (spec['empty_without'] | join(', ') or 'no mart')
                    ~ ". Without it: " ~ effects | join('; ') ~ "; the audit marts count 0 rows of it.") -%}
            {%- elif relation is none -%}
                {%- do problems.append(
                    "The raw table " ~ schema ~ "." ~ table ~ " does not exist; "
                    ~ saas_retention._marts_reading(table) | join(', ') ~ " need it. Load it with the columns "
                    ~ spec['columns'].keys() | join(', ') ~ " (models/staging/raw/_raw__sources.yml), "
                    ~ "or point raw_schema at the schema that holds it.") -%}
            {%- else -%}
                {%- set present = adapter.get_columns_in_relation(relation) | map(attribute='name')
                    | map('lower') | list -%}
                {%- do columns_found.update({table: present}) -%}
                {%- for column, need in spec['columns'].items() if column not in present -%}
                    {%- if need == 'required' -%}
                        {%- do problems.append(
                            "The raw table " ~ schema ~ "." ~ table ~ " has no column " ~ column ~ "; "
                            ~ saas_retention._marts_reading(table) | join(', ') ~ " need it. "
                            ~ "Add it (text or typed), or rename your column to " ~ column ~ ".") -%}
                    {%- else -%}
                        {%- do notes.append(
                            "raw table " ~ schema ~ "." ~ table ~ " has no column " ~ column
                            ~ ": it is optional, and read as null in every row.") -%}
                    {%- endif -%}
                {%- endfor -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}

    {%- for note in notes -%}
        {%- do log("saas_retention preflight: " ~ note, info=true) -%}
    {%- endfor -%}
    {%- if problems -%}
        {%- set numbered = [] -%}
        {%- for problem in problems -%}
            {%- do numbered.append("  " ~ loop.index ~ ". " ~ problem) -%}
        {%- endfor -%}
        {{ exceptions.raise_compiler_error(
            "saas_retention preflight: the build cannot start, " ~ problems | length
            ~ (" problem" if problems | length == 1 else " problems") ~ " with its input:\n"
            ~ numbered | join('\n')) }}
    {%- endif -%}
    {%- do saas_retention._preflight_as_of_date_range(columns_found) -%}
    {{ return('') }}
{%- endmacro %}


{#-
    _preflight_as_of_date_range(columns_found): the warnings of preflight about where
    `as_of_date` falls in the data: before the first account signup (nothing to report), or
    more than 90 days after the latest date in raw accounts and subscriptions (a stale load:
    the months after it would report no change). `columns_found` maps each checked raw table
    to its columns.
-#}
{% macro _preflight_as_of_date_range(columns_found) -%}
    {%- set accounts = columns_found.get('accounts', []) -%}
    {%- set subscriptions = columns_found.get('subscriptions', []) -%}
    {%- if 'created_at' not in accounts or 'valid_from' not in subscriptions -%}
        {{ return('') }}
    {%- endif -%}
    {%- set dated = [] -%}
    {%- for table, columns in [('accounts', ['created_at', 'updated_at']),
                               ('subscriptions', ['valid_from', 'valid_to', 'updated_at'])] -%}
        {%- for column in columns if column in columns_found[table] -%}
            {%- do dated.append(
                "select " ~ saas_retention.parse_timestamp_utc(saas_retention.clean_text(column))
                ~ " as value_at from " ~ source('raw', table)) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- set query -%}
        select
            cast(min(case when source_column = 'first' then value_at end) as date) as first_signup,
            cast(max(value_at) as date) as last_date
        from (
            select 'first' as source_column, value_at from ({{ dated[0] }}) as signups
            union all
            select 'any' as source_column, value_at from ({{ dated | join(' union all ') }}) as dates
        ) as all_dates
    {%- endset -%}
    {%- set row = run_query(query).rows[0] -%}
    {%- set as_of = modules.datetime.datetime.strptime(
        (var('as_of_date') or run_started_at.strftime('%Y-%m-%d')) | string, '%Y-%m-%d').date() -%}
    {%- set first_signup, last_date = row[0], row[1] -%}
    {%- if first_signup is string -%}
        {%- set first_signup = modules.datetime.datetime.strptime(first_signup[:10], '%Y-%m-%d').date() -%}
        {%- set last_date = modules.datetime.datetime.strptime(last_date[:10], '%Y-%m-%d').date() -%}
    {%- endif -%}
    {%- if first_signup is none -%}
        {{ return('') }}
    {%- endif -%}
    {%- if as_of < first_signup -%}
        {%- do exceptions.warn(
            "saas_retention preflight: as_of_date " ~ as_of ~ " is before the first account signup in "
            ~ var('raw_schema') ~ ".accounts (" ~ first_signup ~ "): no account, month or day is "
            ~ "reported, so the marts will be empty but for the audit marts and the `all` rows of "
            ~ "the retention model (too_few_accounts, no fit). Set "
            ~ "as_of_date on or after " ~ first_signup ~ ", or leave it unset (today).") -%}
    {%- elif (as_of - last_date).days > 90 -%}
        {%- do exceptions.warn(
            "saas_retention preflight: as_of_date " ~ as_of ~ " is " ~ (as_of - last_date).days
            ~ " days after the latest date in " ~ var('raw_schema') ~ ".accounts and "
            ~ var('raw_schema') ~ ".subscriptions (" ~ last_date ~ "; more than 90 days is taken "
            ~ "for a stale load): the months after " ~ last_date ~ " will show no new account and no "
            ~ "subscription change, MRR flat at the subscriptions still open, and no product activity "
            ~ "after the last event. Load current raw tables, or set as_of_date to the last day "
            ~ "loaded.") -%}
    {%- endif -%}
{%- endmacro %}


{#- _marts_reading(table): the names of the marts built, at any depth, from raw `table` (read
    from dbt's graph), sorted. -#}
{% macro _marts_reading(table) -%}
    {%- set reached = ['source.saas_retention.raw.' ~ table] -%}
    {%- for depth in range(20) -%}
        {%- for node in graph.nodes.values() if node.resource_type == 'model'
                and node.unique_id not in reached -%}
            {%- if node.depends_on.nodes | select('in', reached) | list -%}
                {%- do reached.append(node.unique_id) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- set marts = [] -%}
    {%- for node in graph.nodes.values() if node.unique_id in reached and node.fqn[1] == 'marts' -%}
        {%- do marts.append(node.name) -%}
    {%- endfor -%}
    {{ return(marts | sort) }}
{%- endmacro %}
