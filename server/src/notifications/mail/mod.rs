//! Email: the durable outbox, the transport and the delivery worker.

pub mod delivery;
pub mod outbox;
pub mod transport;

pub use outbox::{Depth, Email, enqueue};
