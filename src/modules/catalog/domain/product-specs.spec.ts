import { DomainError } from '../../../shared/domain/domain-error';
import { checkSpecsAndSkus, priceRange, specKeyOf } from './product-specs';

const specs = [
  { name: '颜色', values: ['红', '蓝'] },
  { name: '尺码', values: ['S', 'M'] },
];

function problemsOf(fn: () => unknown): Array<{ field: string; message: string }> {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('SPEC_SKU_MISMATCH');
    return (error as DomainError).details as Array<{ field: string; message: string }>;
  }
  throw new Error('expected SPEC_SKU_MISMATCH');
}

describe('spec keys', () => {
  it('does not depend on the order of the spec names', () => {
    expect(specKeyOf({ 颜色: '红', 尺码: 'S' })).toBe(specKeyOf({ 尺码: 'S', 颜色: '红' }));
  });

  it('tells apart combinations whose text would run together', () => {
    expect(specKeyOf({ a: 'b:c' })).not.toBe(specKeyOf({ 'a:b': 'c' }));
    expect(specKeyOf({ 颜色: '红', 尺码: 'S' })).not.toBe(specKeyOf({ 颜色: '红', 尺码: 'M' }));
  });

  it('is 40 hex characters', () => {
    expect(specKeyOf({})).toMatch(/^[0-9a-f]{40}$/);
  });
});

describe('specs and SKUs', () => {
  it('accepts a subset of the combinations and returns their keys in order', () => {
    const keys = checkSpecsAndSkus(specs, [{ specValues: { 颜色: '红', 尺码: 'S' } }, { specValues: { 颜色: '蓝', 尺码: 'M' } }]);
    expect(keys).toEqual([specKeyOf({ 颜色: '红', 尺码: 'S' }), specKeyOf({ 颜色: '蓝', 尺码: 'M' })]);
  });

  it('accepts one SKU without spec values for a product without specs', () => {
    expect(checkSpecsAndSkus([], [{ specValues: {} }])).toHaveLength(1);
  });

  it('refuses a value outside its group, an unknown group and a missing group', () => {
    const problems = problemsOf(() =>
      checkSpecsAndSkus(specs, [{ specValues: { 颜色: '绿', 尺码: 'S' } }, { specValues: { 颜色: '红', 尺码: 'S', 材质: '棉' } }, { specValues: { 颜色: '蓝' } }]),
    );
    expect(problems).toEqual([
      { field: 'skus.0.specValues', message: '"绿" is not a value of spec group "颜色"' },
      { field: 'skus.1.specValues', message: '"材质" is not a spec group of this product' },
      { field: 'skus.2.specValues', message: 'missing a value for spec group "尺码"' },
    ]);
  });

  it('refuses the same combination twice and a repeated SKU code', () => {
    const problems = problemsOf(() =>
      checkSpecsAndSkus(specs, [
        { specValues: { 颜色: '红', 尺码: 'S' }, skuCode: 'A1' },
        { specValues: { 尺码: 'S', 颜色: '红' }, skuCode: 'A2' },
        { specValues: { 颜色: '蓝', 尺码: 'S' }, skuCode: 'A1' },
      ]),
    );
    expect(problems.map((p) => p.field)).toEqual(['skus.1.specValues', 'skus.2.skuCode']);
  });

  it('refuses repeated groups and values, and several SKUs without specs', () => {
    const problems = problemsOf(() =>
      checkSpecsAndSkus(
        [
          { name: '颜色', values: ['红', '红'] },
          { name: '颜色', values: ['蓝'] },
        ],
        [{ specValues: { 颜色: '蓝' } }],
      ),
    );
    expect(problems.map((p) => p.field)).toEqual(['specs.0.values', 'specs.1.name']);
    expect(problemsOf(() => checkSpecsAndSkus([], [{ specValues: {} }, { specValues: {} }])).map((p) => p.field)).toContain('skus');
  });
});

describe('price range', () => {
  it('gives the lowest and highest price', () => {
    expect(priceRange([1990, 990, 2990])).toEqual({ minPrice: 990, maxPrice: 2990 });
    expect(priceRange([])).toEqual({ minPrice: 0, maxPrice: 0 });
  });
});
