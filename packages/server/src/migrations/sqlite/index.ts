import { Init1795343752882 } from './1795343752882-Init';
import { IdentityAndAccess1795344903099 } from './1795344903099-IdentityAndAccess';
import { TwoFactorFactors1795346537448 } from './1795346537448-TwoFactorFactors';
import { PinAndSmsFactors1796004283986 } from './1796004283986-PinAndSmsFactors';
import { ProfileAcceptance1796005963816 } from './1796005963816-ProfileAcceptance';
import { HousekeepingLeases1796019454768 } from './1796019454768-HousekeepingLeases';
import { OpenIdProviders1796037774366 } from './1796037774366-OpenIdProviders';
import { SmsCountriesMeaning1796643436176 } from './1796643436176-SmsCountriesMeaning';
import { AccountDomains1796645264544 } from './1796645264544-AccountDomains';
import { LoginBoundary1796645666432 } from './1796645666432-LoginBoundary';
import { InvitationState1796665762107 } from './1796665762107-InvitationState';
import { FactorLastUse1796665806357 } from './1796665806357-FactorLastUse';
import { UsersSearchKeys1796679532610 } from './1796679532610-UsersSearchKeys';
import { AuditFilterIndexes1796679808869 } from './1796679808869-AuditFilterIndexes';
import { StoredTwoFactorStatus1796683467557 } from './1796683467557-StoredTwoFactorStatus';
import { PasskeysAndRememberedDevices1796691610531 } from './1796691610531-PasskeysAndRememberedDevices';
import { PasskeyTwoFactorStatus1796692210043 } from './1796692210043-PasskeyTwoFactorStatus';

/** Migrations for the embedded SQLite database, oldest first. Generated; never edit a merged one. */
export const sqliteMigrations: (new () => unknown)[] = [Init1795343752882, IdentityAndAccess1795344903099, TwoFactorFactors1795346537448, PinAndSmsFactors1796004283986, ProfileAcceptance1796005963816, HousekeepingLeases1796019454768, OpenIdProviders1796037774366, SmsCountriesMeaning1796643436176, AccountDomains1796645264544, LoginBoundary1796645666432, InvitationState1796665762107, FactorLastUse1796665806357, UsersSearchKeys1796679532610, AuditFilterIndexes1796679808869, StoredTwoFactorStatus1796683467557, PasskeysAndRememberedDevices1796691610531, PasskeyTwoFactorStatus1796692210043];
