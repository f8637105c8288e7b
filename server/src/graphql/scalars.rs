//! The `Date` scalar of API.md (`YYYY-MM-DD`). `DateTime` is async-graphql's
//! own chrono scalar, which already carries that name and RFC 3339.
//!
//! As input, `Date` accepts any string and leaves the parsing to the domain's
//! validation, so a bad date is a BAD_USER_INPUT that names its field
//! (`startedOn`) like every other broken rule, rather than a bare schema error.

use async_graphql::{InputValueError, InputValueResult, Scalar, ScalarType, Value};
use chrono::NaiveDate;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Date(pub String);

impl From<NaiveDate> for Date {
    fn from(date: NaiveDate) -> Self {
        Date(date.format("%Y-%m-%d").to_string())
    }
}

#[Scalar(name = "Date")]
impl ScalarType for Date {
    fn parse(value: Value) -> InputValueResult<Self> {
        match value {
            Value::String(text) => Ok(Date(text)),
            other => Err(InputValueError::expected_type(other)),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.clone())
    }
}
