/** The part of asl-validator 4 the deploy test uses (the package ships no types). */
declare module 'asl-validator' {
  interface Result {
    isValid: boolean;
    errorsText(separator?: string): string;
  }
  export default function validator(definition: object): Result;
}
