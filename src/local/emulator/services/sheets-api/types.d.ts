// The Sheets advanced service's types ship with @types/google-apps-script but are not part of its index.
/// <reference types="google-apps-script/apis/sheets_v4" />
