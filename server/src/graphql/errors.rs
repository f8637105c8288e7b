//! AppError → GraphQL error, with `extensions.code` (and `extensions.field`
//! for bad input), mapped once. Also gives a code to the errors async-graphql
//! raises itself (parse, validation, limits), so every error a client sees
//! carries one.

use async_graphql::{ErrorExtensionValues, ErrorExtensions, ServerError, Value};

use crate::error::{AppError, ErrorCode};

impl ErrorExtensions for AppError {
    fn extend(&self) -> async_graphql::Error {
        self.log();
        let locale = crate::i18n::request_locale();
        async_graphql::Error::new(self.message(locale)).extend_with(|_, extensions| {
            extensions.set("code", self.code().as_str());
            if let AppError::BadUserInput(errors) = self {
                if let Some(first) = errors.first() {
                    extensions.set("field", first.field.as_str());
                }
                let all: Vec<Value> = errors
                    .iter()
                    .map(|error| {
                        let mut entry = async_graphql::indexmap::IndexMap::new();
                        entry.insert(async_graphql::Name::new("field"), Value::from(error.field.as_str()));
                        entry.insert(async_graphql::Name::new("message"), Value::from(error.message_in(locale)));
                        Value::Object(entry)
                    })
                    .collect();
                extensions.set("errors", Value::List(all));
            }
        })
    }
}

/// `?` on an `AppResult` inside a resolver.
pub trait IntoGraphqlResult<T> {
    fn gql(self) -> async_graphql::Result<T>;
}

impl<T> IntoGraphqlResult<T> for Result<T, AppError> {
    fn gql(self) -> async_graphql::Result<T> {
        self.map_err(|error| error.extend())
    }
}

/// Gives every error without a code the code of what caused it: the
/// server's limits are QUERY_TOO_COMPLEX, everything else the client sent
/// that the schema refused is BAD_USER_INPUT (with the field when the
/// message names an argument path such as `input.startedOn`).
pub fn add_missing_codes(errors: &mut [ServerError]) {
    for error in errors {
        let has_code = error.extensions.as_ref().is_some_and(|extensions| extensions.get("code").is_some());
        if has_code {
            continue;
        }
        let extensions = error.extensions.get_or_insert_with(ErrorExtensionValues::default);
        let message = error.message.as_str();
        if is_over_a_limit(message) {
            extensions.set("code", ErrorCode::QueryTooComplex.as_str());
            continue;
        }
        extensions.set("code", ErrorCode::BadUserInput.as_str());
        if let Some(field) = argument_field(message) {
            extensions.set("field", field);
        }
    }
}

/// async-graphql's own words for its limits: depth, complexity, recursion
/// (validation and parser), directives.
fn is_over_a_limit(message: &str) -> bool {
    ["nested too deep", "too complex", "too many", "recursion depth", "recursion limit"]
        .iter()
        .any(|words| message.contains(words))
}

/// `Invalid value for argument "input.startedOn", …` → `startedOn`.
fn argument_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("Invalid value for argument \"")?;
    let path = &rest[..rest.find('"')?];
    let field = path.split_once('.').map_or(path, |(_, field)| field);
    Some(field.to_owned())
}

#[cfg(test)]
mod tests {
    use super::argument_field;

    #[test]
    fn argument_paths_name_the_input_field() {
        assert_eq!(
            argument_field(r#"Invalid value for argument "input.startedOn", expected type "Date""#).as_deref(),
            Some("startedOn")
        );
        assert_eq!(
            argument_field(r#"Invalid value for argument "first", expected type "Int""#).as_deref(),
            Some("first")
        );
        assert_eq!(argument_field("Unknown field"), None);
    }
}
