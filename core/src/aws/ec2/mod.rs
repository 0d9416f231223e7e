mod capacity_manager;
mod request;
mod response;

pub use capacity_manager::*;
pub use request::*;
pub use response::*;
