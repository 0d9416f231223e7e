//! EC2's string enums in capacity reservation answers. Each keeps a value this version does
//! not know as text (`Unknown`), so a new state from AWS shows up as itself instead of
//! failing the whole page.

use std::fmt;

macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
            /// A value this version does not know yet, exactly as AWS sent it.
            Unknown(String),
        }

        impl $name {
            /// Every value the EC2 model (botocore 1.44.5) lists, in model order.
            pub const KNOWN: &'static [&'static str] = &[$($wire),*];

            /// The value for AWS's text; unknown text becomes `Unknown`.
            pub fn from_wire(text: &str) -> Self {
                match text {
                    $($wire => Self::$variant,)*
                    other => Self::Unknown(other.to_owned()),
                }
            }

            /// AWS's text for this value.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::Unknown(text) => text,
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

wire_enum! {
    /// `CapacityReservationState`: where a reservation is in its life.
    CapacityReservationState {
        Active = "active",
        Expired = "expired",
        Cancelled = "cancelled",
        Pending = "pending",
        Failed = "failed",
        Scheduled = "scheduled",
        PaymentPending = "payment-pending",
        PaymentFailed = "payment-failed",
        Assessing = "assessing",
        Delayed = "delayed",
        Unsupported = "unsupported",
        Cancelling = "cancelling",
        Unavailable = "unavailable",
    }
}

impl CapacityReservationState {
    /// One line for hover text (from the EC2 API reference).
    pub fn meaning(&self) -> &'static str {
        use CapacityReservationState::*;
        match self {
            Active => "The capacity is available for use.",
            Expired => "Expired at its end date; the capacity is no longer reserved.",
            Cancelled => "Cancelled; the capacity is no longer reserved.",
            Pending => "Requested successfully; the capacity is still being provisioned.",
            Failed => {
                "The request failed (parameters, capacity or limits); visible for 60 minutes."
            }
            Scheduled => "Future-dated: approved and scheduled for delivery on its start date.",
            PaymentPending => "Capacity Block: the upfront payment has not been processed yet.",
            PaymentFailed => "Capacity Block: payment was not processed within 12 hours; released.",
            Assessing => "Future-dated: EC2 is assessing the request.",
            Delayed => "Future-dated: EC2 cannot deliver the capacity by the requested start date.",
            Unsupported => {
                "Future-dated: EC2 cannot support the request; it will not be delivered."
            }
            Cancelling => "Being cancelled; the capacity is being released.",
            Unavailable => "The reserved capacity is currently unavailable.",
            Unknown(_) => "A state this version of Reservation Lens does not know yet.",
        }
    }
}

wire_enum! {
    /// `InterruptibleCapacityReservationAllocationStatus`.
    InterruptibleAllocationStatus {
        Pending = "pending",
        Active = "active",
        Updating = "updating",
        Canceling = "canceling",
        Canceled = "canceled",
        Failed = "failed",
    }
}

wire_enum! {
    /// `InterruptionType`: how instances are reclaimed from an interruptible reservation.
    InterruptionType {
        Adhoc = "adhoc",
    }
}

wire_enum! {
    /// `ZeroSizePreference`.
    ZeroSizePreference {
        Retain = "retain",
        Default = "default",
    }
}

wire_enum! {
    /// `CapacityReservationInstancePlatform`: the operating system the reservation is for.
    InstancePlatform {
        LinuxUnix = "Linux/UNIX",
        RedHatEnterpriseLinux = "Red Hat Enterprise Linux",
        SuseLinux = "SUSE Linux",
        Windows = "Windows",
        WindowsWithSqlServer = "Windows with SQL Server",
        WindowsWithSqlServerEnterprise = "Windows with SQL Server Enterprise",
        WindowsWithSqlServerStandard = "Windows with SQL Server Standard",
        WindowsWithSqlServerWeb = "Windows with SQL Server Web",
        LinuxWithSqlServerStandard = "Linux with SQL Server Standard",
        LinuxWithSqlServerWeb = "Linux with SQL Server Web",
        LinuxWithSqlServerEnterprise = "Linux with SQL Server Enterprise",
        RhelWithSqlServerStandard = "RHEL with SQL Server Standard",
        RhelWithSqlServerEnterprise = "RHEL with SQL Server Enterprise",
        RhelWithSqlServerWeb = "RHEL with SQL Server Web",
        RhelWithHa = "RHEL with HA",
        RhelWithHaAndSqlServerStandard = "RHEL with HA and SQL Server Standard",
        RhelWithHaAndSqlServerEnterprise = "RHEL with HA and SQL Server Enterprise",
        UbuntuPro = "Ubuntu Pro",
    }
}

wire_enum! {
    /// `CapacityReservationTenancy`.
    Tenancy {
        Default = "default",
        Dedicated = "dedicated",
    }
}

wire_enum! {
    /// `EndDateType`: whether the reservation ends by itself.
    EndDateType {
        Unlimited = "unlimited",
        Limited = "limited",
    }
}

wire_enum! {
    /// `InstanceMatchCriteria`: `open` takes any matching instance, `targeted` only those
    /// launched into it.
    InstanceMatchCriteria {
        Open = "open",
        Targeted = "targeted",
    }
}

wire_enum! {
    /// `AllocationType`.
    AllocationType {
        Used = "used",
        Future = "future",
        Cancelling = "cancelling",
    }
}

wire_enum! {
    /// `CapacityReservationType`.
    ReservationType {
        Default = "default",
        CapacityBlock = "capacity-block",
    }
}

wire_enum! {
    /// `CapacityReservationDeliveryPreference`.
    DeliveryPreference {
        Fixed = "fixed",
        Incremental = "incremental",
    }
}

wire_enum! {
    /// `CapacityReservationAdjustmentStatus`.
    AdjustmentStatus {
        Requested = "requested",
        Applied = "applied",
        Rejected = "rejected",
    }
}

wire_enum! {
    /// `CapacityReservationLaunchStatus`.
    LaunchStatus {
        Launchable = "launchable",
        Unlaunchable = "unlaunchable",
    }
}
