const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : quote(name);
}

/** A JSDoc block at `indent`, or nothing when there is nothing to say. */
export function docComment(lines: readonly string[], indent = ''): string {
  const body = lines
    .flatMap((line) => line.split('\n'))
    .map((line) => line.replace(/\*\//g, '*\\/').trimEnd());
  if (body.length === 0) return '';
  if (body.length === 1) return `${indent}/** ${body[0]} */\n`;
  return `${indent}/**\n${body.map((line) => `${indent} *${line === '' ? '' : ` ${line}`}`).join('\n')}\n${indent} */\n`;
}

export function arrayOf(element: string): string {
  return IDENTIFIER.test(element) ? `${element}[]` : `Array<${element}>`;
}

/** `userRegister-value` → `user-register-value`: file names are kebab-case. */
export function kebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
}

export function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** `user_register` → `UserRegister`, `shop.orders` → `ShopOrders`. */
export function pascalCase(name: string): string {
  return kebabCase(name)
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
