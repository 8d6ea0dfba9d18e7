// One style, enforced by `pnpm lint` (part of `pnpm test`): dprint through @effect/eslint-plugin,
// as Effect's own packages format, plus the house rules a reviewer should not have to repeat.
import effect from "@effect/eslint-plugin"
import tseslint from "typescript-eslint"

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/dist/**",
      "**/.tsbuild/**",
      "examples/bench/scratch/**",
      "examples/bench/vonage-openapi.d.ts"
    ]
  },
  {
    files: ["**/*.ts", "**/*.mjs"],
    languageOptions: { parser: tseslint.parser },
    plugins: { "@effect": effect, "@typescript-eslint": tseslint.plugin },
    rules: {
      "@effect/dprint": [
        "error",
        {
          config: {
            indentWidth: 2,
            lineWidth: 120,
            semiColons: "asi",
            quoteStyle: "alwaysDouble",
            trailingCommas: "never",
            operatorPosition: "maintain",
            "arrowFunction.useParentheses": "force"
          }
        }
      ],
      // House rules: no `any`, no non-null `!` to silence the compiler.
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-non-null-assertion": "error"
    }
  }
)
